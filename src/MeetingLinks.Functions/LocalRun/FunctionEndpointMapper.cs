using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLinks.LocalRun;

/// <summary>
/// Serves the app's HTTP-triggered functions on Kestrel without the Functions host: each method
/// marked <c>[Function]</c> with an <c>[HttpTrigger]</c> parameter becomes an endpoint on
/// <c>/api/{route}</c> with the trigger's methods. The function class is created per request from
/// DI, as the worker does, and its <see cref="IResult"/> is executed as is.
/// </summary>
public static class FunctionEndpointMapper
{
    public const string RoutePrefix = "api";

    public static IReadOnlyList<HttpFunction> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var functions = new List<HttpFunction>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                var trigger = method.GetParameters()
                    .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
                    .FirstOrDefault(a => a is not null);
                if (function is not null && trigger is not null)
                {
                    functions.Add(new HttpFunction(
                        function.Name,
                        $"/{RoutePrefix}/{trigger.Route ?? function.Name}",
                        trigger.Methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? [],
                        method));
                }
            }
        }

        return functions;
    }

    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder endpoints, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var function in Discover(assembly))
        {
            var invoke = FunctionInvoker.Create(function.Method);
            var builder = function.Methods.Length == 0
                ? endpoints.Map(function.Route, invoke)
                : endpoints.MapMethods(function.Route, function.Methods, invoke);
            builder.WithName(function.Name);
        }

        return endpoints;
    }
}

/// <param name="Methods">Upper-case HTTP methods; empty for any.</param>
public sealed record HttpFunction(string Name, string Route, string[] Methods, MethodInfo Method);
