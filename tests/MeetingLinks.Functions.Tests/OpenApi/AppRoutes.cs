using System.Text.RegularExpressions;
using MeetingLinks.Hosting;
using MeetingLinks.LocalRun;

namespace MeetingLinks.Tests.OpenApi;

/// <summary>
/// The operations the app really serves, as an OpenAPI description names them: every HTTP function's route under the
/// route prefix of the app's own host.json, with each route parameter's constraint dropped (<c>{id:regex(…)}</c> is
/// <c>{id}</c>), once per method.
/// </summary>
internal static partial class AppRoutes
{
    public static FunctionCatalog Catalog { get; } = new(typeof(LocalRunHost).Assembly);

    public static IReadOnlyList<AppOperation> Operations { get; } = [.. Catalog.Functions.SelectMany(Of)];

    /// <summary>Every route's path as the description writes it.</summary>
    public static IReadOnlySet<string> Paths { get; } = Operations.Select(o => o.Path).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<AppOperation> Of(HttpFunction function)
    {
        var template = FunctionEndpointMapper.RouteOf(HostJson.RoutePrefix(AppContext.BaseDirectory), function);
        var patterns = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Parameter().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            if (m.Groups["regex"].Success)
            {
                // Route templates double the braces of a regex quantifier: {{8}} is {8}.
                patterns[name] = m.Groups["regex"].Value.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);
            }

            return "{" + name + "}";
        });
        Assert.True(function.Methods.Length > 0, $"{function.Name} takes any method; the description needs each one named.");
        return function.Methods.Select(method => new AppOperation(function, path, method.ToLowerInvariant(), patterns));
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:regex\((?<regex>([^{}]|\{\{[^{}]*\}\})*)\)|:[^{}]*)?\}")]
    private static partial Regex Parameter();
}

/// <param name="Method">Lower case, as OpenAPI names operations.</param>
/// <param name="Patterns">The regular expression each constrained route parameter must match.</param>
internal sealed record AppOperation(HttpFunction Function, string Path, string Method, IReadOnlyDictionary<string, string> Patterns)
{
    public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
}
