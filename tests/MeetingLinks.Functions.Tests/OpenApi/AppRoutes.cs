using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingLinks.Access;
using MeetingLinks.DevHost.Hosting.Http;
using MeetingLinks.DevHost.Hosting.Worker;
using MeetingLinks.Hosting;

namespace MeetingLinks.Tests.OpenApi;

/// <summary>
/// The operations the app really serves, as an OpenAPI description names them: every HTTP function of the generated
/// functions.metadata (what the Functions host reads), under the route prefix of the app's own host.json, with each
/// route parameter's constraint dropped (<c>{id:regex(…)}</c> is <c>{id}</c>), once per method.
/// </summary>
internal static partial class AppRoutes
{
    private static readonly FunctionCatalog Roles = new(typeof(AppServices).Assembly);

    /// <summary>The HTTP functions, from functions.metadata, with the role each needs.</summary>
    public static IReadOnlyList<HttpFunction> Functions { get; } = ReadFunctions();

    public static IReadOnlyList<AppOperation> Operations { get; } = [.. Functions.SelectMany(Of)];

    /// <summary>Every route's path as the description writes it.</summary>
    public static IReadOnlySet<string> Paths { get; } = Operations.Select(o => o.Path).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<AppOperation> Of(HttpFunction function)
    {
        var template = "/" + HttpRouteTable.Template(AppFiles.ReadRoutePrefix(AppContext.BaseDirectory), function.Route);
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

    private static List<HttpFunction> ReadFunctions()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        return [.. from function in metadata.RootElement.EnumerateArray()
                   let name = function.GetProperty("name").GetString()!
                   from binding in function.GetProperty("bindings").EnumerateArray()
                   where binding.GetProperty("type").GetString() == "httpTrigger"
                   select new HttpFunction(
                       name,
                       binding.TryGetProperty("route", out var route) ? route.GetString()! : name,
                       binding.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())] : [],
                       Roles.RoleOf(name))];
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

/// <param name="Route">The trigger's route template, without the host's route prefix.</param>
/// <param name="Methods">Upper-case HTTP methods; empty for any.</param>
/// <param name="Role">The API-key role the function needs; null for routes open to anyone.</param>
internal sealed record HttpFunction(string Name, string Route, string[] Methods, ApiRole? Role);
