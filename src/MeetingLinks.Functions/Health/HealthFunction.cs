using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MeetingLinks.Health;

public sealed class HealthFunction
{
    [Function("Health")]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
        => TypedResults.Ok(new { status = "ok" });
}
