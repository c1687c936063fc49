namespace MeetingLinks.Health;

/// <summary><c>GET /api/health</c>: for probes; needs no key and shows no secret.</summary>
public sealed class HealthFunction(IMeetingStore store, TimeProvider time)
{
    private static readonly TimeSpan StorageProbeTimeout = TimeSpan.FromSeconds(2);

    [Function("Health")]
    public async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(StorageProbeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        bool reachable;
        try
        {
            reachable = await store.IsReachableAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reachable = false;
        }

        return reachable
            ? TypedResults.Ok(new HealthReport("ok", "ok"))
            : TypedResults.Json(new HealthReport("degraded", "unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthReport(string Status, string Storage);
