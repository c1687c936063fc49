using MeetingLinks.Http;

namespace MeetingLinks.Meetings.Create;

/// <summary>Either the response for the flow or the problem to answer with.</summary>
public sealed record CreateOutcome(CreateMeetingResponse? Response, ProblemResult? Problem)
{
    public static CreateOutcome Success(CreateMeetingResponse response) => new(response, null);

    public static CreateOutcome Failure(ProblemResult problem) => new(null, problem);
}
