using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Create;

namespace MeetingLinks.Tests.Meetings;

/// <summary>
/// Fingerprints are stored with every idempotency key: if their form changed, every live key would answer 409.
/// These values were stored by the service before the fingerprint had a form of its own.
/// </summary>
public class RequestFingerprintTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    [Fact]
    public void A_full_request_keeps_its_known_fingerprint()
    {
        var request = new ValidatedCreate("key-1", "+15551234567", "Jane Doe", "whatsapp", "CASE-123", "Video visit", 1, 2,
            new LinkValidity(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero), Lifetime),
            "gen", true, ["room@example.webex.com"]);

        Assert.Equal("363cf3471a6a4d6d19b234c9c1398f8726b1ca9ae069c03ef86b7638a8e7048e", RequestFingerprint.Of(request));
    }

    [Fact]
    public void The_smallest_request_keeps_its_known_fingerprint()
    {
        var request = new ValidatedCreate(null, null, null, null, null, null, 1, 1, new LinkValidity(null, null, Lifetime), "hc", false, []);

        Assert.Equal("9f138b6c1599a98d1aed9a5c3a59f8ba1f8c4194f6557cc9538492f6c15b90d0", RequestFingerprint.Of(request));
    }

    [Fact]
    public void Text_that_json_escapes_keeps_its_known_fingerprint()
    {
        var request = new ValidatedCreate("k", "+447700900123", "Zoë <O'Brien> & \"Co\"", "sms", null, "Visite médicale", 0, 1,
            new LinkValidity(null, new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero), Lifetime), "hc", false, []);

        Assert.Equal("db60bec754b7cf5cc7893f2086abf3ede385f25a409d7b7be5b3cf24dacd0b7f", RequestFingerprint.Of(request));
    }

    [Fact]
    public void The_key_and_the_configured_lifetime_are_not_part_of_it()
    {
        var request = new ValidatedCreate("key-1", null, null, null, null, null, 1, 1, new LinkValidity(null, null, Lifetime), "hc", false, []);

        Assert.Equal(
            RequestFingerprint.Of(request),
            RequestFingerprint.Of(request with { IdempotencyKey = "key-2", Validity = new LinkValidity(null, null, TimeSpan.FromHours(2)) }));
        Assert.NotEqual(RequestFingerprint.Of(request), RequestFingerprint.Of(request with { Guests = 2 }));
    }
}
