using MeetingLinks.Outcomes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Meetings;

/// <summary>
/// What every call that asks the broker for links shares: the time budget (<c>Meetings__CreateBudget</c>, well
/// inside Webex Connect's 20 s).
/// </summary>
public sealed class LinkCallBudget(IOptions<MeetingsOptions> options, TimeProvider time, ILogger<LinkCallBudget> logger)
{
    /// <summary>Runs <paramref name="call"/> with a token that ends when the budget does; running out is a 504.</summary>
    public async Task<Outcome<T>> RunAsync<T>(Func<CancellationToken, Task<Outcome<T>>> call, CancellationToken cancellationToken)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(call);
        var limit = options.Value.CreateBudget;
        using var budget = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return await call(linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("A call for links ran out of its budget of {BudgetSeconds} s", limit.TotalSeconds);
            return Failure.TimedOut($"No answer within {limit.TotalSeconds:0.#} s. Try again with the same idempotency key.");
        }
    }
}
