namespace MeetingLinks.Operations.Page;

/// <summary>
/// <c>GET /api/ops</c>: the operations page, and <c>GET /api/ops/{file}</c>: its script modules and styles. Anonymous, because the
/// page holds no data; every data call it makes needs the ops key.
/// </summary>
public sealed class OpsPageFunction
{
    [Function("OpsPage")]
    public static IResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops")] HttpRequest request)
        // The page links its files as "ops/app.js", relative to /api/ops; under /api/ops/ they would miss.
        => request.Path.Value?.EndsWith('/') == true ? TypedResults.Redirect("../ops" + request.QueryString)
            : OpsPageAssets.Find(OpsPageAssets.IndexFile) is { } index ? index
            : NoSuchFile();

    // The HTML is served at /api/ops only, where its relative links work.
    [Function("OpsPageFile")]
    public static IResult File(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = @"ops/{file:regex(^[a-z0-9-]+\.(js|css)$)}")] HttpRequest request,
        string file)
        => file != OpsPageAssets.IndexFile && OpsPageAssets.Find(file) is { } asset ? asset : NoSuchFile();

    private static ProblemResult NoSuchFile() => Failure.NotFound("The ops page has no such file.").ToProblem();
}
