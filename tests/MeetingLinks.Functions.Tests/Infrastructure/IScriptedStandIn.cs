namespace MeetingLinks.Tests.Infrastructure;

/// <summary>A stand-in for an upstream that plays scripted answers; one left unplayed means a test did not exercise what it set up.</summary>
public interface IScriptedStandIn
{
    int ScriptedLeft { get; }
}
