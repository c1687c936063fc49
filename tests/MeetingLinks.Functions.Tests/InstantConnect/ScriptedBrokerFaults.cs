using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

using MeetingLinks.InstantConnect;

namespace MeetingLinks.Tests.InstantConnect;

/// <summary>One scripted answer of the broker, in place of its normal behaviour.</summary>
public delegate Task<HttpResponseMessage> ScriptedFault(HttpRequestMessage request, CancellationToken cancellationToken);

/// <summary>
/// One-shot broker behaviours for tests that run the client in process, consumed in order, one per attempt, before
/// the broker's own answer: <see cref="Handler"/> sits in the broker client's pipeline inside the resilience handler.
/// </summary>
public sealed class ScriptedBrokerFaults
{
    private readonly ConcurrentQueue<ScriptedFault> _queue = new();

    /// <summary>Scripted behaviours not consumed yet.</summary>
    public int Pending => _queue.Count;

    public ScriptedBrokerFaults Next(ScriptedFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _queue.Enqueue(fault);
        return this;
    }

    /// <summary>The next call answers <paramref name="statusCode"/>, with a delta-seconds <c>Retry-After</c> when given.</summary>
    public ScriptedBrokerFaults NextAnswers(int statusCode, TimeSpan? retryAfter = null) =>
        Next((_, _) => Task.FromResult(Answer(statusCode, retryAfter is { } delta ? new RetryConditionHeaderValue(delta) : null)));

    /// <summary>The next call answers <paramref name="statusCode"/> with an HTTP-date <c>Retry-After</c>.</summary>
    public ScriptedBrokerFaults NextAnswers(int statusCode, DateTimeOffset retryAt) =>
        Next((_, _) => Task.FromResult(Answer(statusCode, new RetryConditionHeaderValue(retryAt))));

    /// <summary>The next call never answers; it ends only when its token is cancelled (a timeout or the caller).</summary>
    public ScriptedBrokerFaults NextHangsUntilCancelled() =>
        Next(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("Unreachable: an infinite delay only ends by cancellation.");
        });

    /// <summary>The next call fails like a broken connection.</summary>
    public ScriptedBrokerFaults NextFailsInTransport() =>
        Next((_, _) => Task.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "Scripted connection failure.")));

    /// <summary>A handler that plays the next scripted fault, if any, instead of passing the call on.</summary>
    public DelegatingHandler Handler() => new FaultHandler(this);

    private static HttpResponseMessage Answer(int statusCode, RetryConditionHeaderValue? retryAfter)
    {
        var response = new HttpResponseMessage((HttpStatusCode)statusCode)
        {
            Content = new StringContent($$"""{"error":"Scripted {{statusCode}} answer."}""", System.Text.Encoding.UTF8, "application/json"),
        };
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    private sealed class FaultHandler(ScriptedBrokerFaults faults) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => faults._queue.TryDequeue(out var fault) ? fault(request, cancellationToken) : base.SendAsync(request, cancellationToken);
    }
}
