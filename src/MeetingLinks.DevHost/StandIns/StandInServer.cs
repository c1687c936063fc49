using System.Text.Json;
using MeetingLinks.DevHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MeetingLinks.DevHost.StandIns;

/// <summary>
/// The stand-ins' own HTTP server, which the worker reaches through its ordinary settings as it would reach Webex:
/// the broker (<c>POST /api/v2/joseencrypt</c>) for <c>InstantConnect__BaseUrl</c>, Webex's messages API
/// (<c>POST /v1/messages</c>) for <c>Webex__ApiBaseUrl</c>, the sandbox page its links open (<c>/visit/{code}</c>), and
/// what experts would have received (<c>GET /messages</c>). Each path answers only while its stand-in is in use.
/// </summary>
public sealed class StandInServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions MessagesJson = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication app;

    private StandInServer(WebApplication app, MessagesStandIn messages)
    {
        this.app = app;
        Messages = messages;
    }

    /// <summary>Where the stand-ins answer, such as <c>http://localhost:7072/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The messages stand-in's mailbox.</summary>
    public MessagesStandIn Messages { get; }

    /// <summary>Starts listening on <paramref name="urls"/> with the stand-ins asked for.</summary>
    public static async Task<StandInServer> StartAsync(string urls, bool broker, bool messages, StandInOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(urls);
        builder.Services.AddRouting();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new StandInServer(app, new MessagesStandIn(options));
        if (broker)
        {
            var brokerStandIn = new BrokerStandIn(options, () => new Uri(server.BaseAddress, "visit/"));
            app.MapPost("/api/v2/joseencrypt", brokerStandIn.HandleAsync);
            app.MapGet("/visit/{code:regex(^[A-Za-z0-9]{{1,32}}$)}", VisitPage.Show);
        }

        if (messages)
        {
            app.MapPost("/v1/messages", server.Messages.HandleAsync);
            app.MapGet("/messages", () => Results.Json(server.Messages.Messages, MessagesJson));
        }

        try
        {
            await LocalServer.StartAsync(app, "--sandbox-urls", "http://localhost:7082", cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        server.BaseAddress = LocalServer.AddressOf(app);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
