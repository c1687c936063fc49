using System.Net.Http.Json;
using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Hosts;

/// <summary>Which host runs the app under test.</summary>
public enum HostKind
{
    /// <summary><c>dotnet run</c>: the app serves its functions on its own Kestrel.</summary>
    LocalRun,

    /// <summary>The app's real isolated-worker pipeline, started and driven by a Functions host double.</summary>
    Worker,
}

/// <summary>
/// The app under test as its callers reach it, over HTTP on a loopback port, whichever host runs it. HTTP-level
/// tests talk only to this, so the same test code runs against both hosts.
/// </summary>
public abstract class AppHost : IAsyncDisposable
{
    protected AppHost(HostKind kind, string tableName, Uri baseAddress, OutboundCalls outbound)
    {
        Kind = kind;
        TableName = tableName;
        Outbound = outbound;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
    }

    public HostKind Kind { get; }

    /// <summary>The app's table in the shared Azurite.</summary>
    public string TableName { get; }

    /// <summary>A client for the app: <c>http://127.0.0.1:port/</c>, no redirects followed.</summary>
    public HttpClient Client { get; }

    /// <summary>Calls the app made to anything but its broker and storage; a test fails on any.</summary>
    public OutboundCalls Outbound { get; }

    /// <summary>Everything the app logged so far, one line per entry, with exceptions.</summary>
    public abstract string LogText { get; }

    /// <summary>Runs a timer-triggered function now, as its schedule would; true when it succeeded.</summary>
    public abstract Task<bool> RunTimerAsync(string functionName);

    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? key = TestApp.FlowKey, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is string text ? new StringContent(text, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(request, key);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? key = TestApp.OpsKey)
        => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), key);

    /// <summary>Sends <paramref name="request"/> with <paramref name="key"/> in <c>x-api-key</c> (none when null).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? key)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            if (key is not null)
            {
                request.Headers.Add("x-api-key", key);
            }

            var response = await Client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Outbound.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
