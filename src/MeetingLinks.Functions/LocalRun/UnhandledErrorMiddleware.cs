using MeetingLinks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.LocalRun;

/// <summary>A last resort: an unexpected exception becomes a bare 500 problem, never a stack trace.</summary>
internal sealed class UnhandledErrorMiddleware(RequestDelegate next, ILogger<UnhandledErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await Problems.Internal().ExecuteAsync(context);
            }
        }
    }
}
