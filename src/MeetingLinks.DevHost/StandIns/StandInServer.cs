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
/// the broker (<c>POST /api/v2/joseencrypt</c>) for <c>InstantConnect__BaseUrl</c>, Webex's API (messages, webhooks,
/// attachment actions, people) for <c>Webex__ApiBaseUrl</c>, the sandbox page its links open (<c>/visit/{code}</c>),
/// what experts would have received (<c>GET /messages</c>) and a button to press on each message
/// (<c>POST /messages/{id}/press?answer=joining</c>), and Connect's Inbound Webhook (<c>/connect/events</c>) for
/// <c>Connect__EventsUrl</c>. Each path answers only while its stand-in is in use.
/// </summary>
public sealed class StandInServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions MessagesJson = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication app;

    private StandInServer(WebApplication app, WebexStandIn webex)
    {
        this.app = app;
        Webex = webex;
    }

    /// <summary>Connect's Inbound Webhook: what the flow would have heard.</summary>
    public ConnectStandIn Connect { get; } = new();

    /// <summary>Where the stand-ins answer, such as <c>http://localhost:7072/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Webex's API: the messages, webhooks and pressed buttons.</summary>
    public WebexStandIn Webex { get; }

    /// <summary>Starts listening on <paramref name="urls"/> with the stand-ins asked for.</summary>
    public static async Task<StandInServer> StartAsync(string urls, bool broker, bool messages, bool connect, StandInOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(urls);
        builder.Services.AddRouting();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new StandInServer(app, new WebexStandIn(options));
        if (broker)
        {
            var brokerStandIn = new BrokerStandIn(options, () => new Uri(server.BaseAddress, "visit/"));
            app.MapPost("/api/v2/joseencrypt", brokerStandIn.HandleAsync);
            app.MapGet("/visit/{code:regex(^[A-Za-z0-9]{{1,32}}$)}", VisitPage.Show);
        }

        if (messages)
        {
            var webex = server.Webex;
            app.MapPost("/v1/messages", webex.HandleAsync);
            app.MapGet("/v1/attachment/actions/{id}", (HttpRequest request, string id) => webex.GetAction(request, id));
            app.MapGet("/v1/people/{id}", (HttpRequest request, string id) => WebexStandIn.GetPerson(request, id));
            app.MapGet("/v1/webhooks", webex.ListWebhooks);
            app.MapPost("/v1/webhooks", (HttpRequest request) => webex.SaveWebhookAsync(request, null));
            app.MapPut("/v1/webhooks/{id}", (HttpRequest request, string id) => webex.SaveWebhookAsync(request, id));
            app.MapDelete("/v1/webhooks/{id}", (HttpRequest request, string id) => webex.DeleteWebhook(request, id));
            app.MapGet("/messages", () => Results.Json(webex.Messages, MessagesJson));
            app.MapPost("/messages/{id}/press", (string id, string answer, string? personId, CancellationToken cancellationToken)
                => webex.PressAsync(id, answer, personId, cancellationToken));
        }

        if (connect)
        {
            app.MapPost("/connect/events", server.Connect.HandleAsync);
            app.MapGet("/connect/events", () => Results.Json(server.Connect.Events, MessagesJson));
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
