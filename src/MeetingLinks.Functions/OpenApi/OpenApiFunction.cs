namespace MeetingLinks.OpenApi;

/// <summary><c>GET /api/openapi.json</c> for integrators and API gateways; anonymous, as it holds no data or secret.</summary>
public sealed class OpenApiFunction
{
    [Function("OpenApiDocument")]
    public static IResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
    {
        // As the ops page's files: cache it, but check for a new deployment every time (If-None-Match answers 304).
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(OpenApiDescription.Content, OpenApiDescription.ContentType, entityTag: OpenApiDescription.ETag);
    }
}
