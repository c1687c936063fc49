namespace MeetingLinks.Meetings.Create;

/// <summary>A create request after validation, with every default decided, so nothing downstream picks a default of its own.</summary>
/// <param name="IdempotencyKey">From the header or <c>requestId</c>; null when the caller sent none.</param>
/// <param name="AnswerWithin">The request's <c>answerWithin</c>; null leaves it to <c>Experts__AnswerWithin</c>.</param>
/// <param name="Visit">A visit booked ahead; null for a meeting that starts now.</param>
public sealed record ValidatedCreate(
    string? IdempotencyKey, string? Phone, string? CustomerName, string? Channel, string? Reference, string? Subject,
    int Hosts, int Guests, LinkValidity Validity, string VerticalType, bool LoginUrlForHost, IReadOnlyList<string> Devices,
    IReadOnlyList<Experts.ExpertTarget>? Experts = null, TimeSpan? AnswerWithin = null, Visits.Visit? Visit = null)
{
    /// <summary>The experts to ask, in order; empty when there are none.</summary>
    public IReadOnlyList<Experts.ExpertTarget> Experts { get; init; } = Experts ?? [];
}
