using System.Collections.Frozen;
using System.Reflection;
using MeetingLinks.Access;
using Microsoft.Azure.Functions.Worker;

namespace MeetingLinks.Hosting;

/// <summary>
/// The app's HTTP functions as the Functions SDK sees them (<c>[Function]</c> methods with an
/// <c>[HttpTrigger]</c>), with the role each needs. The local run maps them onto Kestrel; both hosts
/// look up a function's role here by name.
/// </summary>
public sealed class FunctionCatalog
{
    private readonly FrozenDictionary<string, HttpFunction> _byName;

    public FunctionCatalog(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Functions = [.. Discover(assembly)];
        _byName = Functions.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<HttpFunction> Functions { get; }

    /// <summary>The HTTP function with this name, or null (a timer function, or an unknown name).</summary>
    public HttpFunction? Find(string name) => _byName.GetValueOrDefault(name);

    private static IEnumerable<HttpFunction> Discover(Assembly assembly)
    {
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
                    yield return new HttpFunction(
                        function.Name,
                        trigger.Route ?? function.Name,
                        trigger.Methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? [],
                        method,
                        method.GetCustomAttribute<RequiresRoleAttribute>()?.Role);
                }
            }
        }
    }
}

/// <param name="Route">The trigger's route template, without the host's route prefix.</param>
/// <param name="Methods">Upper-case HTTP methods; empty for any.</param>
/// <param name="Role">The API-key role the function needs; null for routes open to anyone.</param>
public sealed record HttpFunction(string Name, string Route, string[] Methods, MethodInfo Method, ApiRole? Role);
