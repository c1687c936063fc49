using System.Collections.Frozen;
using System.Reflection;

namespace MeetingLinks.Hosting;

/// <summary>The API-key role of each function that needs one, by function name, from its <c>[RequiresRole]</c>.</summary>
public sealed class FunctionCatalog(Assembly assembly)
{
    private readonly FrozenDictionary<string, ApiRole> _roles = (
        from type in assembly.GetTypes()
        where type is { IsClass: true, IsAbstract: false }
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        let role = method.GetCustomAttribute<RequiresRoleAttribute>()
        where function is not null && role is not null
        select KeyValuePair.Create(function.Name, role.Role)).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The role the function needs; null for functions open to anyone, and for unknown names.</summary>
    public ApiRole? RoleOf(string functionName) => _roles.TryGetValue(functionName, out var role) ? role : null;
}
