using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace MeetingLinks.DevHost.Hosting.Http;

/// <summary>What <see cref="HttpRouteTable.Match"/> found: the function, and the route values it captured.</summary>
public sealed record HttpRouteMatch(LoadedFunction Function, IReadOnlyDictionary<string, string> RouteValues);

/// <summary>
/// Picks the HTTP function for a request as the Functions host does: functions in alphabetical order of their
/// names, and the first whose route template matches the path and whose methods allow the request's method wins.
/// Not ASP.NET Core's precedence, where <c>meetings/export</c> would beat <c>meetings/{id}</c> whatever the names
/// (azure-functions-host#9876). Templates and inline constraints are ASP.NET Core's own.
/// </summary>
public sealed class HttpRouteTable
{
    private readonly List<Route> routes;

    /// <param name="functions">All loaded functions; those without an HTTP trigger are skipped.</param>
    /// <param name="routePrefix">host.json's <c>extensions.http.routePrefix</c>; empty for none.</param>
    /// <param name="constraints">Resolves <c>{id:regex(...)}</c> and the like (from <c>AddRouting()</c>).</param>
    public HttpRouteTable(IEnumerable<LoadedFunction> functions, string routePrefix, IInlineConstraintResolver constraints)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(routePrefix);
        ArgumentNullException.ThrowIfNull(constraints);
        routes = [.. functions
            .Where(f => f.Route is not null)
            .OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .Select(f => new Route(f, Template(routePrefix, f.Route!), constraints))];
    }

    /// <summary>The template a function answers on, prefix included, as the host composes it.</summary>
    public static string Template(string routePrefix, string route)
    {
        ArgumentNullException.ThrowIfNull(routePrefix);
        ArgumentNullException.ThrowIfNull(route);
        var prefix = routePrefix.Trim('/');
        return prefix.Length == 0 ? route.TrimStart('/') : $"{prefix}/{route.TrimStart('/')}";
    }

    /// <summary>The function that answers, or null: the host then answers 404.</summary>
    public HttpRouteMatch? Match(string method, PathString path)
    {
        foreach (var route in routes)
        {
            if (route.Allows(method) && route.TryMatch(path) is { } values)
            {
                return new HttpRouteMatch(route.Function, values);
            }
        }

        return null;
    }

    private sealed class Route
    {
        private readonly RoutePattern pattern;
        private readonly TemplateMatcher matcher;
        private readonly List<(string Parameter, IRouteConstraint Constraint)> constraints = [];

        public Route(LoadedFunction function, string template, IInlineConstraintResolver resolver)
        {
            Function = function;
            pattern = RoutePatternFactory.Parse(template);
            matcher = new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults));
            foreach (var (parameter, policies) in pattern.ParameterPolicies)
            {
                foreach (var policy in policies)
                {
                    var constraint = resolver.ResolveConstraint(policy.Content!)
                        ?? throw new InvalidOperationException($"Function {function.Name}: unknown route constraint '{policy.Content}' in '{template}'.");
                    constraints.Add((parameter, constraint));
                }
            }
        }

        public LoadedFunction Function { get; }

        public bool Allows(string method)
            => Function.Methods.Count == 0 || Function.Methods.Contains(method, StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, string>? TryMatch(PathString path)
        {
            var values = new RouteValueDictionary();
            if (!matcher.TryMatch(path, values))
            {
                return null;
            }

            foreach (var (parameter, constraint) in constraints)
            {
                var absentAndOptional = !values.ContainsKey(parameter) && pattern.GetParameter(parameter)?.IsOptional == true;
                if (!absentAndOptional && !constraint.Match(null, null, parameter, values, RouteDirection.IncomingRequest))
                {
                    return null;
                }
            }

            return values
                .Where(v => v.Value is not null)
                .ToDictionary(v => v.Key, v => Convert.ToString(v.Value, CultureInfo.InvariantCulture)!, StringComparer.OrdinalIgnoreCase);
        }
    }
}
