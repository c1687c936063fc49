namespace MeetingLinks.Operations.Page;

/// <summary>Writes one page file with its type and the headers that keep the page locked down.</summary>
public sealed class OpsPageResult(OpsPageAsset asset) : IResult
{
    /// <summary>
    /// Only this app's own script, styles and API; no inline code, no framing, no form posts.
    /// Trusted Types also turn any accidental HTML sink (<c>innerHTML</c>) into an error.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

    public OpsPageAsset Asset { get; } = asset;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (Asset.IsHtml)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.CacheControl = "no-store";
        }
        else
        {
            // Script and styles hold no data: cache them, but check for a new deployment every time.
            headers.CacheControl = "no-cache";
            headers.ETag = Asset.ETag;
            if (httpContext.Request.Headers.IfNoneMatch.Contains(Asset.ETag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = Asset.ContentType;
        response.ContentLength = Asset.Content.Length;
        return response.Body.WriteAsync(Asset.Content, httpContext.RequestAborted).AsTask();
    }
}
