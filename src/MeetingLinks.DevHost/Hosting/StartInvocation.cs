using MeetingLinks.DevHost.Hosting.Protocol;

namespace MeetingLinks.DevHost.Hosting;

/// <summary>Starts an invocation of a function: the function, invocation id, trigger input and trigger metadata.</summary>
internal delegate Task<InvocationOutcome> StartInvocation(
    LoadedFunction function, string invocationId, TypedData input, IEnumerable<KeyValuePair<string, TypedData>> triggerMetadata);
