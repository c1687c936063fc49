namespace MeetingLinks.Meetings;

/// <summary>
/// When the links are valid: as the caller asked (whole seconds, UTC), with the configured lifetime for what they left out. It becomes
/// times only when the meeting is made, so a replay of the same request is still the same request.
/// </summary>
/// <param name="From">Requested start; null means "from creation" (and no <c>nbf</c> for the broker).</param>
/// <param name="Until">Requested end; null means <paramref name="Lifetime"/> after the start.</param>
public sealed record LinkValidity(DateTimeOffset? From, DateTimeOffset? Until, TimeSpan Lifetime)
{
    public (DateTimeOffset From, DateTimeOffset Until) Resolve(DateTimeOffset now)
    {
        var from = From ?? DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return (from, Until ?? from + Lifetime);
    }
}
