using Microsoft.Azure.Functions.Worker.Middleware;

namespace MeetingLinks.Hosting;

/// <summary>
/// What every HTTP function needs, said once: the role check, a storage outage as a 503, and any other exception as a
/// logged 500 without a stack trace. The ASP.NET Core integration outside this middleware executes the result left here.
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
