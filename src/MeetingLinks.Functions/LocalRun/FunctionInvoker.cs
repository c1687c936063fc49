using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLinks.LocalRun;

/// <summary>
/// Binds a function method's parameters from an <see cref="HttpContext"/> the way the worker
/// would for the kinds this app uses: the trigger's <see cref="HttpRequest"/>, route values by
/// name, and the request's <see cref="CancellationToken"/>. Anything else fails at start-up.
/// </summary>
internal static class FunctionInvoker
{
    public static RequestDelegate Create(MethodInfo method)
    {
        var binders = method.GetParameters().Select(p => BinderFor(method, p)).ToArray();
        var factory = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        var resultOf = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? method.ReturnType.GetProperty(nameof(Task<object>.Result))
            : null;

        return async context =>
        {
            var instance = factory?.Invoke(context.RequestServices, null);
            try
            {
                var arguments = new object?[binders.Length];
                for (var i = 0; i < binders.Length; i++)
                {
                    arguments[i] = binders[i](context);
                }

                var returned = method.Invoke(instance, arguments);
                object? result = returned;
                if (returned is Task task)
                {
                    await task;
                    result = resultOf?.GetValue(task);
                }

                switch (result)
                {
                    case IResult httpResult:
                        await httpResult.ExecuteAsync(context);
                        break;
                    case null:
                        context.Response.StatusCode = StatusCodes.Status204NoContent;
                        break;
                    default:
                        throw new InvalidOperationException($"Function {method.Name} returned {result.GetType().Name}; functions return IResult.");
                }
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            }
            finally
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
        };
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
