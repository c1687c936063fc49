using System.Net;
using System.Text.Json;
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
/// Sits between the service and Azurite and passes every request through unchanged (the raw path and query, every
/// header, the body), counting requests and the entities the answers carry: the length of a query's <c>value</c>
/// array, or 1 for a point read answered 200. What the service reads is measured from outside, with the app as built.
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    // Hop-by-hop headers, and those the proxy sets itself from the body it forwards.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Upgrade", "Proxy-Connection",
    };

    private readonly WebApplication _app;
    private readonly Uri _storage;
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
    });

    private long _requests;
    private long _entities;

    private CountingProxy(WebApplication app, Uri storage)
    {
        _app = app;
        _storage = storage;
    }

    /// <summary>The storage endpoint to give the service: the proxied one, with the proxy's port.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Starts a proxy on a free loopback port in front of <paramref name="storageEndpoint"/>.</summary>
    public static async Task<CountingProxy> StartAsync(Uri storageEndpoint)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new CountingProxy(app, new Uri(storageEndpoint.GetLeftPart(UriPartial.Authority)));
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        proxy.Endpoint = new UriBuilder(storageEndpoint) { Port = new Uri(address).Port }.Uri;
        return proxy;
    }

    /// <summary>A connection string for <paramref name="storageEndpoint"/> that goes through the proxy instead.</summary>
    public string ConnectionString(string storageConnectionString, Uri storageEndpoint)
    {
        ArgumentNullException.ThrowIfNull(storageConnectionString);
        ArgumentNullException.ThrowIfNull(storageEndpoint);

        // A connection string that does not name the endpoint would bypass the proxy, and every count would read 0.
        return storageConnectionString.Contains(storageEndpoint.AbsoluteUri, StringComparison.Ordinal)
            ? storageConnectionString.Replace(storageEndpoint.AbsoluteUri, Endpoint.AbsoluteUri, StringComparison.Ordinal)
            : throw new ArgumentException($"The connection string does not name {storageEndpoint}.", nameof(storageConnectionString));
    }

    /// <summary>What passed since the last call, and starts counting afresh.</summary>
    public (long Requests, long Entities) TakeCounts()
        => (Interlocked.Exchange(ref _requests, 0), Interlocked.Exchange(ref _entities, 0));

    /// <summary>Entities in one storage answer: a query's rows, or the one row of a point read.</summary>
    internal static int EntitiesIn(string method, HttpStatusCode status, byte[] body)
    {
        if (!HttpMethods.IsGet(method) || status != HttpStatusCode.OK || body.Length == 0)
        {
            return 0;
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("value", out var rows) && rows.ValueKind == JsonValueKind.Array ? rows.GetArrayLength() : 1;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var incoming = context.Request;
        using var body = new MemoryStream();
        await incoming.Body.CopyToAsync(body, context.RequestAborted);
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(_storage, rawTarget));
        if (body.Length > 0 || incoming.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in incoming.Headers.Where(h => !NotForwarded.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _client.SendAsync(request, context.RequestAborted);
        var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _entities, EntitiesIn(incoming.Method, response.StatusCode, answer));

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !NotForwarded.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        if (answer.Length > 0)
        {
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        }
    }
}
