using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// A stand-in for the Webex broker on a real loopback port, so the production HTTP stack is
/// exercised end to end. It records each request and answers from a script, then with links.
/// </summary>
public sealed class FakeBroker : IScriptedStandIn, IAsyncDisposable
{
    public const string BaseUrl = "https://instant.webex.com/visit/";

    private LoopbackServer _server = null!;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private volatile bool _hangsFromNowOn;
    private int _hung;
    private int _answers;


    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri Url => _server.Url;

    public static async Task<FakeBroker> StartAsync()
    {
        var broker = new FakeBroker();
        broker._server = await LoopbackServer.StartAsync(app => app.Run(broker.HandleAsync));
        return broker;
    }

    /// <summary>
    /// Scripted answers not asked for yet; a test that scripts one expects it to be used. <see cref="HangsFromNowOn"/>
    /// counts as one until a request has hung.
    /// </summary>
    public int ScriptedLeft => _script.Count + (_hangsFromNowOn && Volatile.Read(ref _hung) == 0 ? 1 : 0);

    /// <summary>Forgets the script, the requests and any hanging, for the next test that shares this broker.</summary>
    public void Reset()
    {
        _script.Clear();
        Requests.Clear();
        _hangsFromNowOn = false;
        Volatile.Write(ref _hung, 0);
        Volatile.Write(ref _answers, 0);
    }

    /// <summary>The next request never gets an answer; it ends when the caller gives up.</summary>
    public void NextHangs() => _script.Enqueue(HangAsync);

    /// <summary>
    /// Every request after the scripted ones hangs until its caller gives up, however many attempts the caller's
    /// retries and timeouts make: a broker that has stopped answering.
    /// </summary>
    public void HangsFromNowOn() => _hangsFromNowOn = true;

    /// <summary>The next request's connection is dropped without an answer.</summary>
    public void NextDropsConnection() => _script.Enqueue(context =>
    {
        context.Abort();
        return Task.CompletedTask;
    });

    /// <summary>The next request gets this answer instead of links.</summary>
    public void Next(int status, string? retryAfter = null) => _script.Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync("{\"message\":\"scripted\"}");
    });

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static Task HangAsync(HttpContext context)
        => Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path,
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers.ContentType.ToString(),
            body));
        if (_script.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        if (_hangsFromNowOn)
        {
            Interlocked.Increment(ref _hung);
            await HangAsync(context);
            return;
        }

        using var json = JsonDocument.Parse(body);
        var hosts = json.RootElement.GetProperty("numHost").GetInt32();
        var guests = json.RootElement.GetProperty("numGuest").GetInt32();

        // 7-character codes like the broker's, unique per answer: the nth answer's first guest is G{n:000}000.
        var answer = Interlocked.Increment(ref _answers);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            host = Enumerable.Range(0, hosts).Select(i => new { cipher = "eyJhbGciOi.host." + i, @short = $"H{answer:000}{i:000}" }),
            guest = Enumerable.Range(0, guests).Select(i => new { cipher = "eyJhbGciOi.guest." + i, @short = $"G{answer:000}{i:000}" }),
            baseUrl = BaseUrl,
        }));
    }
}

public sealed record RecordedRequest(string Method, string Path, string Authorization, string ContentType, string Body)
{
    /// <summary>The <c>jwt.sub</c> the request names: the meeting space it asks links for.</summary>
    public string? Sub
    {
        get
        {
            using var json = JsonDocument.Parse(Body);
            return json.RootElement.GetProperty("jwt").GetProperty("sub").GetString();
        }
    }
}
