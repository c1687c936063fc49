using MeetingLinks.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace MeetingLinks.Hosting;

/// <summary>
/// Runs <see cref="HttpFunctionGuard"/> around HTTP functions. The ASP.NET
/// Core integration's proxying middleware sits outside this one and executes whatever result is
/// left here, the function's own or the guard's problem.
/// </summary>
internal sealed class HttpFunctionGuardMiddleware(HttpFunctionGuard guard) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var result = await guard.RunAsync(context.FunctionDefinition.Name, http, async () =>
        {
            await next(context);
            return context.GetInvocationResult().Value;
        });
        context.GetInvocationResult().Value = result;
    }
}
