using System.Reflection;
using System.Runtime.ExceptionServices;
using MeetingLinks.Hosting;
using MeetingLinks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLinks.LocalRun;

/// <summary>
/// Calls a function method for an <see cref="HttpContext"/> the way the worker would for the kinds
/// this app uses: the trigger's <see cref="HttpRequest"/>, route values by name, and the request's
/// <see cref="CancellationToken"/> (anything else fails at start-up). The function runs inside
/// <see cref="HttpFunctionGuard"/>, as under the Functions host, and its <see cref="IResult"/> is executed as is.
/// </summary>
internal static class FunctionInvoker
{
    public static RequestDelegate Create(HttpFunction function)
    {
        var binders = function.Method.GetParameters().Select(p => BinderFor(function.Method, p)).ToArray();
        var call = Caller(function.Method);
        Task<object?> CallAsync(HttpContext context) => call(context.RequestServices, [.. binders.Select(bind => bind(context))]);
        return context => RunAsync(context, function.Name, CallAsync);
    }

    /// <summary>
    /// Calls <paramref name="method"/> as the worker would: on a fresh instance made with the given services (none for
    /// a static method), awaiting what it returns. Gives back the task's result, throws what the function threw, and
    /// disposes the instance afterwards.
    /// </summary>
    public static Func<IServiceProvider, object?[], Task<object?>> Caller(MethodInfo method)
    {
        var factory = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        var resultOf = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? method.ReturnType.GetProperty(nameof(Task<object>.Result))
            : null;

        return async (services, arguments) =>
        {
            var instance = factory?.Invoke(services, null);
            try
            {
                var returned = method.Invoke(instance, arguments);
                if (returned is not Task task)
                {
                    return returned;
                }

                await task;
                return resultOf?.GetValue(task);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(ex.InnerException);
                throw;
            }
            finally
            {
                await DisposeAsync(instance);
            }
        };
    }

    private static async Task RunAsync(HttpContext context, string functionName, Func<HttpContext, Task<object?>> call)
    {
        var guard = context.RequestServices.GetRequiredService<HttpFunctionGuard>();
        switch (await guard.RunAsync(functionName, context, () => call(context)))
        {
            case IResult result:
                await result.ExecuteAsync(context);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case var other:
                throw new InvalidOperationException($"Function {functionName} returned {other.GetType().Name}; functions return IResult.");
        }
    }

    private static async ValueTask DisposeAsync(object? instance)
    {
        if (instance is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else if (instance is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private static Func<HttpContext, object?> BinderFor(MethodInfo method, ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context => context.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context => context.RequestAborted;
        }

        if (parameter.ParameterType == typeof(string) && parameter.GetCustomAttribute<HttpTriggerAttribute>() is null)
        {
            var name = parameter.Name!;
            return context => context.Request.RouteValues.TryGetValue(name, out var value) ? value?.ToString() : null;
        }

        throw new NotSupportedException(
            $"Function {method.DeclaringType?.Name}.{method.Name}: the local run cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}.");
    }
}
