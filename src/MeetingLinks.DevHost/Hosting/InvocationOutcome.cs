using MeetingLinks.DevHost.Hosting.Protocol;

namespace MeetingLinks.DevHost.Hosting;

/// <summary>How an invocation ended, from the worker's <c>InvocationResponse</c>.</summary>
/// <param name="Response">Everything the worker answered: return value and output bindings too.</param>
public sealed record InvocationOutcome(
    string InvocationId, StatusResult.Types.Status Status, string? ExceptionMessage, InvocationResponse Response)
{
    public bool Succeeded => Status == StatusResult.Types.Status.Success;
}
