using System.Text.Json;
using MeetingLinks.DevHost.Hosting.Protocol;

namespace MeetingLinks.DevHost.Hosting;

/// <summary>A function the worker indexed and loaded, described by its trigger binding.</summary>
/// <param name="TriggerType">As in functions.metadata: <c>httpTrigger</c>, <c>timerTrigger</c>, <c>queueTrigger</c>...</param>
/// <param name="TriggerName">The trigger binding's name: the key of the trigger's entry in an invocation's input data.</param>
/// <param name="Route">HTTP only: the route without the prefix (the function name when the binding has none).</param>
/// <param name="Methods">HTTP only: lower-case as declared; empty means any method.</param>
/// <param name="Schedule">Timer only: the NCRONTAB expression.</param>
/// <param name="QueueName">Storage queue only: the queue it is triggered from.</param>
/// <param name="Connection">Storage queue only: the app setting (or prefix) naming the account; <c>AzureWebJobsStorage</c> when the binding names none.</param>
public sealed record LoadedFunction(
    string Name, string FunctionId, string TriggerType, string TriggerName,
    string? Route, IReadOnlyList<string> Methods, string? Schedule, string? QueueName = null, string? Connection = null)
{
    private static readonly JsonSerializerOptions BindingJson = new(JsonSerializerDefaults.Web);

    public bool IsHttp => TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);

    public bool IsQueue => TriggerType.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the trigger from the raw binding JSON the worker sent with its metadata.</summary>
    internal static LoadedFunction FromMetadata(RpcFunctionMetadata metadata)
    {
        var trigger = metadata.RawBindings
            .Select(raw => JsonSerializer.Deserialize<RawBinding>(raw, BindingJson)!)
            .FirstOrDefault(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)
                && b.Direction.Equals("in", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"Function {metadata.Name} has no trigger binding: {string.Join(", ", metadata.RawBindings)}");

        var isHttp = trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);
        var isQueue = trigger.Type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase);
        return new LoadedFunction(
            metadata.Name, metadata.FunctionId, trigger.Type, trigger.Name,
            isHttp ? trigger.Route ?? metadata.Name : null,
            trigger.Methods ?? [],
            trigger.Schedule,
            trigger.QueueName,
            isQueue ? trigger.Connection ?? "AzureWebJobsStorage" : null);
    }

    private sealed record RawBinding(
        string Name, string Type, string Direction, string? Route, string[]? Methods, string? Schedule, string? QueueName, string? Connection);
}
