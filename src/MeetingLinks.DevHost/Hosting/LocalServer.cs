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
            throw new PortInUseException(
                $"{ex.Message.TrimEnd('.')}: another program, perhaps another development host, listens there. Stop it, or listen elsewhere with {option} (for example {option} {example}).",
                ex);
        }
    }

    /// <summary>The first address <paramref name="server"/> listens on, with the port it got, ending in a slash.</summary>
    public static Uri AddressOf(WebApplication server)
        => new(server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");
}
