using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Benchmarks;

/// <summary>
/// The benchmark's own Webex Connect Inbound Webhook on a free loopback port: it records every POST body with the time
/// it arrived and answers as Connect does when it takes an event (200, code 1002), so the service never retries.
/// </summary>
internal sealed class ConnectListener : IAsyncDisposable
{
    private const string Queued = """{"response":[{"code":"1002","description":"Queued"}]}""";

    private readonly WebApplication _app;

    private ConnectListener(WebApplication app) => _app = app;

    /// <summary>What to set as <c>Connect__EventsUrl</c>.</summary>
    public Uri EventsUrl { get; private set; } = null!;

    /// <summary>Every POST so far: when it arrived (UTC, this machine's clock, which the service shares) and its body.</summary>
    public ConcurrentQueue<(DateTimeOffset ArrivedAt, string Body)> Received { get; } = new();

    public static async Task<ConnectListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var listener = new ConnectListener(app);
        app.Run(async context =>
        {
            // Stamp the arrival before reading the body: the body's size should not count as lateness.
            var arrivedAt = DateTimeOffset.UtcNow;
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            using var reader = new StreamReader(context.Request.Body);
            listener.Received.Enqueue((arrivedAt, await reader.ReadToEndAsync(context.RequestAborted)));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Queued, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        listener.EventsUrl = new Uri(new Uri(address), "events");
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
