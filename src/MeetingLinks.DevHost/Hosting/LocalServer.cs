using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLinks.DevHost.Hosting;

/// <summary>Starting one of the host's own Kestrel servers, and where it listens.</summary>
internal static class LocalServer
{
    /// <summary>Starts <paramref name="server"/>; an address another program holds is a <see cref="PortInUseException"/> naming <paramref name="option"/>.</summary>
    public static async Task StartAsync(WebApplication server, string option, string example, CancellationToken cancellationToken)
    {
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            throw InUse(ex.Message.TrimEnd('.'), option, example, ex);
        }
    }

    /// <summary>
    /// Fails with the same line as <see cref="StartAsync"/> when a fixed port of <paramref name="urls"/> is taken, before
    /// anything else starts; the start itself is still the test that counts.
    /// </summary>
    public static void EnsureFree(string urls, string option, string example)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Port == 0)
            {
                continue;
            }

            var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : null;
            if (address is null)
            {
                continue;
            }

            using var probe = new TcpListener(address, uri.Port);
            try
            {
                probe.Start();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw InUse($"Failed to bind to address {url}: address already in use", option, example, ex);
            }
            finally
            {
                probe.Stop();
            }
        }
    }

    private static PortInUseException InUse(string what, string option, string example, Exception inner)
        => new($"{what}: another program, perhaps another development host, listens there. Stop it, or listen elsewhere with {option} (for example {option} {example}).", inner);

    /// <summary>The first address <paramref name="server"/> listens on, with the port it got, ending in a slash.</summary>
    public static Uri AddressOf(WebApplication server)
        => new(server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");
}
