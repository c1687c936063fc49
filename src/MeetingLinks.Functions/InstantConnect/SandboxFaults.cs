using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;

namespace MeetingLinks.InstantConnect;

/// <summary>One scripted answer of the sandbox broker, in place of its normal behaviour.</summary>
public delegate Task<HttpResponseMessage> SandboxFault(HttpRequestMessage request, CancellationToken cancellationToken);

/// <summary>
/// One-shot behaviours for the sandbox broker, consumed in order, one per call, before latency, failure rate and the
/// normal answer. A singleton, so tests (or a local run) can script what the next calls do.
/// </summary>
public sealed class SandboxFaults
{
    private readonly ConcurrentQueue<SandboxFault> _queue = new();

    /// <summary>Scripted behaviours not consumed yet.</summary>
    public int Pending => _queue.Count;

    public SandboxFaults Next(SandboxFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _queue.Enqueue(fault);
        return this;
    }

    /// <summary>The next call answers <paramref name="statusCode"/>, with a delta-seconds <c>Retry-After</c> when given.</summary>
    public SandboxFaults NextAnswers(int statusCode, TimeSpan? retryAfter = null) =>
        Next((_, _) => Task.FromResult(Answer(statusCode, retryAfter is { } delta ? new RetryConditionHeaderValue(delta) : null)));

    /// <summary>The next call answers <paramref name="statusCode"/> with an HTTP-date <c>Retry-After</c>.</summary>
    public SandboxFaults NextAnswers(int statusCode, DateTimeOffset retryAt) =>
        Next((_, _) => Task.FromResult(Answer(statusCode, new RetryConditionHeaderValue(retryAt))));

    /// <summary>The next call never answers; it ends only when its token is cancelled (a timeout or the caller).</summary>
    public SandboxFaults NextHangsUntilCancelled() =>
        Next(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("Unreachable: an infinite delay only ends by cancellation.");
        });

    /// <summary>The next call fails like a broken connection.</summary>
    public SandboxFaults NextFailsInTransport() =>
        Next((_, _) => Task.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "Sandbox: scripted connection failure.")));

    public void Clear() => _queue.Clear();

    internal bool TryTake([NotNullWhen(true)] out SandboxFault? fault) => _queue.TryDequeue(out fault);

    private static HttpResponseMessage Answer(int statusCode, RetryConditionHeaderValue? retryAfter)
    {
        var response = SandboxBrokerContract.Error((HttpStatusCode)statusCode, $"Sandbox: scripted {statusCode} answer.");
        response.Headers.RetryAfter = retryAfter;
        return response;
    }
}
