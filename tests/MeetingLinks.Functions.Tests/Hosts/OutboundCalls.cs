using System.Collections.Concurrent;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.Tests.Hosts;

/// <summary>
/// Outbound calls the app made that no test arranged: anything but loopback, where its stand-ins, fakes and Azurite
/// listen. The worker process is told to use a proxy for everything else, which records and refuses each call.
/// </summary>
public sealed class OutboundCalls : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _calls = new();
    private LoopbackServer? _proxy;

    private OutboundCalls()
    {
    }

    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>Environment for a worker process: every non-loopback request goes to the refusing proxy.</summary>
    public IReadOnlyDictionary<string, string> ProxyEnvironment { get; private set; } = new Dictionary<string, string>();

    public static async Task<OutboundCalls> WithRefusingProxyAsync()
    {
        var calls = new OutboundCalls();
        var proxy = await LoopbackServer.StartAsync(app => app.Run(context =>
        {
            // A proxied call names its target: CONNECT host:port for https, an absolute URI for http.
            calls._calls.Enqueue($"{context.Request.Method} {context.Request.Host}{context.Request.Path}");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }));
        var address = proxy.Url.AbsoluteUri.TrimEnd('/');
        calls._proxy = proxy;
        calls.ProxyEnvironment = new Dictionary<string, string>
        {
            ["HTTP_PROXY"] = address,
            ["HTTPS_PROXY"] = address,
            ["ALL_PROXY"] = address,
            ["NO_PROXY"] = "localhost,127.0.0.1,::1",
        };
        return calls;
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }
}
