using Microsoft.Azure.Functions.Worker.Middleware;

namespace MeetingLinks.Hosting;

/// <summary>
/// What every HTTP function needs, said once around the function: the role check, a storage outage as 503 with
/// <c>Retry-After</c>, and any other exception as a logged 500 problem without a stack trace. Functions only bind,
/// call a service and map its outcome. The ASP.NET Core integration's proxying middleware sits outside this one and
/// executes whatever result is left here, the function's own or the problem that replaces it.
/// </summary>
internal sealed class HttpFunctionGuardMiddleware(
    FunctionCatalog catalog, ApiKeyAuthorizer authorizer, IOptions<MeetingsOptions> options, ILogger<HttpFunctionGuardMiddleware> logger)
    : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var functionName = context.FunctionDefinition.Name;
        var result = context.GetInvocationResult();
        if (catalog.RoleOf(functionName) is { } role && authorizer.Authorize(http.Request, role).Failure is { } denied)
        {
            result.Value = denied.ToProblem();
            return;
        }

        try
        {
            await next(context);
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning("{Function}: storage unavailable ({Reason})", functionName, ex.Message);
            result.Value = Failure.StorageUnavailable(options.Value.StorageRetryAfter).ToProblem();
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody reads the answer.
            result.Value = null;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Function} failed on {Method} {Path}", functionName, http.Request.Method, http.Request.Path);
            result.Value = Failure.Unexpected().ToProblem();
        }
    }
}
