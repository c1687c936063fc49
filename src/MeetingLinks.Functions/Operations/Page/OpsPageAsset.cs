namespace MeetingLinks.Operations.Page;

/// <summary>One page file, written with its type and the headers that keep the page locked down.</summary>
/// <param name="ETag">A strong validator from the content, so browsers revalidate cheaply after a deployment.</param>
public sealed record OpsPageAsset(string Name, string ContentType, ReadOnlyMemory<byte> Content, string ETag) : IResult
{
    /// <summary>
    /// Only this app's own script, styles and API; no inline code, no framing, no form posts. Trusted Types also turn any accidental
    /// HTML sink (<c>innerHTML</c>) into an error.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (Name.EndsWith(".html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.CacheControl = "no-store";
        }
        else
        {
            // Script and styles hold no data: cache them, but check for a new deployment every time.
            headers.CacheControl = "no-cache";
            headers.ETag = ETag;
            if (httpContext.Request.Headers.IfNoneMatch.Contains(ETag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = Content.Length;
        return response.Body.WriteAsync(Content, httpContext.RequestAborted).AsTask();
    }
}
