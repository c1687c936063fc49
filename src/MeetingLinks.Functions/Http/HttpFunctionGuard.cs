using MeetingLinks.Access;
using MeetingLinks.Hosting;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Outcomes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Http;

/// <summary>
/// What every HTTP function needs, said once and run by worker middleware around the function: the role
/// check, a storage outage as 503 with <c>Retry-After</c>, and any other exception as a logged 500
/// problem without a stack trace. Functions only bind, call a service and map its outcome.
/// </summary>
public sealed class HttpFunctionGuard(
    FunctionCatalog catalog, ApiKeyAuthorizer authorizer, IOptions<MeetingsOptions> options, ILogger<HttpFunctionGuard> logger)
{
    /// <summary>The function's result, or the problem that replaces it.</summary>
    public async Task<object?> RunAsync(string functionName, HttpContext context, Func<Task<object?>> invoke)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(invoke);
        if (catalog.RoleOf(functionName) is { } role && authorizer.Authorize(context.Request, role).Failure is { } denied)
        {
            return denied.ToProblem();
        }

        try
        {
            return await invoke();
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning("{Function}: storage unavailable ({Reason})", functionName, ex.Message);
            return Failure.StorageUnavailable(options.Value.StorageRetryAfter).ToProblem();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody reads the answer.
            return null;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Function} failed on {Method} {Path}", functionName, context.Request.Method, context.Request.Path);
            return Failure.Unexpected().ToProblem();
        }
    }
}
