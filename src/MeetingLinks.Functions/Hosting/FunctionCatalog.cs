using System.Collections.Frozen;
using System.Reflection;
using MeetingLinks.Access;
using Microsoft.Azure.Functions.Worker;

namespace MeetingLinks.Hosting;

/// <summary>
/// The app's functions as the Functions SDK sees them: <c>[Function]</c> methods with an <c>[HttpTrigger]</c>, with
/// the role each needs, and those with a <c>[QueueTrigger]</c>. The local run maps the HTTP functions onto Kestrel and
/// polls the queues itself; both hosts look up a function's role here by name.
/// </summary>
public sealed class FunctionCatalog
{
    private readonly FrozenDictionary<string, HttpFunction> _byName;

    public FunctionCatalog(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var methods = FunctionMethods(assembly).ToList();
        Functions = [.. methods.Select(m => HttpFunctionOf(m.Function, m.Method)).OfType<HttpFunction>()];
        QueueFunctions = [.. methods.Select(m => QueueFunctionOf(m.Function, m.Method)).OfType<QueueFunction>()];
        _byName = Functions.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The HTTP functions.</summary>
    public IReadOnlyList<HttpFunction> Functions { get; }

    /// <summary>The storage-queue functions.</summary>
    public IReadOnlyList<QueueFunction> QueueFunctions { get; }

    /// <summary>The HTTP function with this name, or null (a timer or queue function, or an unknown name).</summary>
    public HttpFunction? Find(string name) => _byName.GetValueOrDefault(name);

    private static IEnumerable<(FunctionAttribute Function, MethodInfo Method)> FunctionMethods(Assembly assembly)
        => from type in assembly.GetTypes()
           where type is { IsClass: true, IsAbstract: false }
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           where function is not null
           select (function, method);

    private static HttpFunction? HttpFunctionOf(FunctionAttribute function, MethodInfo method)
        => TriggerOf<HttpTriggerAttribute>(method) is { } trigger
            ? new HttpFunction(
                function.Name,
                trigger.Route ?? function.Name,
                trigger.Methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? [],
                method,
                method.GetCustomAttribute<RequiresRoleAttribute>()?.Role)
            : null;

    private static QueueFunction? QueueFunctionOf(FunctionAttribute function, MethodInfo method)
        => TriggerOf<QueueTriggerAttribute>(method) is { } trigger
            ? new QueueFunction(function.Name, trigger.QueueName, trigger.Connection ?? QueueFunction.DefaultConnection, method)
            : null;

    private static T? TriggerOf<T>(MethodInfo method)
        where T : Attribute
        => method.GetParameters().Select(p => p.GetCustomAttribute<T>()).FirstOrDefault(a => a is not null);
}

/// <param name="Route">The trigger's route template, without the host's route prefix.</param>
/// <param name="Methods">Upper-case HTTP methods; empty for any.</param>
/// <param name="Role">The API-key role the function needs; null for routes open to anyone.</param>
public sealed record HttpFunction(string Name, string Route, string[] Methods, MethodInfo Method, ApiRole? Role);

/// <param name="QueueName">The queue the function is triggered from.</param>
/// <param name="Connection">The app setting (or setting prefix) naming the storage account.</param>
public sealed record QueueFunction(string Name, string QueueName, string Connection, MethodInfo Method)
{
    /// <summary>The setting the Functions host takes a trigger's storage account from when the trigger names none.</summary>
    public const string DefaultConnection = "AzureWebJobsStorage";
}
