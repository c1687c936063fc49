using MeetingLinks.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace MeetingLinks.LocalRun;

/// <summary>
/// Serves the app's HTTP functions on Kestrel without the Functions host: each becomes an endpoint
/// on <c>/{routePrefix}/{route}</c> (the prefix from <c>host.json</c>) with the trigger's methods.
/// </summary>
public static class FunctionEndpointMapper
{
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder endpoints, FunctionCatalog catalog, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var function in catalog.Functions)
        {
            var invoke = FunctionInvoker.Create(function);
            var route = RouteOf(routePrefix, function);
            var builder = function.Methods.Length == 0
                ? endpoints.Map(route, invoke)
                : endpoints.MapMethods(route, function.Methods, invoke);
            builder.WithName(function.Name);
        }

        return endpoints;
    }

    /// <summary>The path template the function answers on, as the Functions host builds it.</summary>
    public static string RouteOf(string routePrefix, HttpFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return routePrefix.Length == 0 ? "/" + function.Route : $"/{routePrefix}/{function.Route}";
    }
}
