using MeetingLinks.Experts;
using MeetingLinks.InstantConnect;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Create;
using MeetingLinks.Validation;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeetingLinks.Tests.Experts;

/// <summary>The create's <c>experts</c> and <c>answerWithin</c>, as the validator reads them.</summary>
public class ExpertChainRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly LinkRequestValidator _validator = new(Options.Create(new InstantConnectOptions()), Options.Create(new MeetingLinks.Meetings.Visits.VisitsOptions()), new FakeTimeProvider(Now));

    [Fact]
    public void Experts_are_a_chain_in_the_order_given_with_their_wait()
    {
        var valid = _validator.Validate(new CreateMeetingRequest
        {
            Experts = [new() { Email = "ana@clinic.example" }, new() { PersonId = "Y2lzY29-person" }, new() { RoomId = "room_1=" }],
            AnswerWithin = "PT45S",
        }, null).Value!;

        Assert.Equal([("email", "ana@clinic.example"), ("personId", "Y2lzY29-person"), ("roomId", "room_1=")],
            valid.Experts.Select(e => (e.Kind, e.Address)));
        Assert.Equal(TimeSpan.FromSeconds(45), valid.AnswerWithin);
    }

    [Fact]
    public void One_expert_is_a_chain_of_one_and_the_wait_is_left_to_the_setting()
    {
        var valid = _validator.Validate(new CreateMeetingRequest { Expert = new() { Email = "ana@clinic.example" } }, null).Value!;

        Assert.Single(valid.Experts);
        Assert.Null(valid.AnswerWithin);
    }

    [Theory]
    [InlineData("both", "expert")]
    [InlineData("none", "experts")]
    [InlineData("six", "experts")]
    [InlineData("twice", "experts[1]")]
    [InlineData("empty", "experts[0]")]
    [InlineData("null", "experts[1]")]
    [InlineData("bad-email", "experts[1].email")]
    public void A_wrong_chain_is_a_400_naming_the_field(string shape, string field)
    {
        ExpertRequest ana = new() { Email = "ana@clinic.example" };
        var request = new CreateMeetingRequest
        {
            Expert = shape == "both" ? ana : null,
            Experts = shape switch
            {
                "none" => [],
                "six" => [.. Enumerable.Range(0, 6).Select(i => new ExpertRequest { Email = $"e{i}@clinic.example" })],
                "twice" => [ana, new() { Email = "ana@clinic.example" }],
                "empty" => [new()],
                "null" => [ana, null!],
                "bad-email" => [ana, new() { Email = "not an address" }],
                _ => [ana],
            },
        };

        var failure = _validator.Validate(request, null).Failure!;

        Assert.Equal("invalid_request", failure.Code);
        Assert.Contains(field, failure.Errors!.Keys);
    }

    [Theory]
    [InlineData("PT14S")]
    [InlineData("PT1H1S")]
    [InlineData("P1D")]
    [InlineData("2 minutes")]
    [InlineData("P1M")]
    [InlineData("PT")]
    [InlineData("-PT1M")]
    public void A_wait_outside_15_seconds_to_an_hour_or_not_a_duration_is_a_400(string answerWithin)
    {
        var failure = _validator.Validate(new CreateMeetingRequest { Expert = new() { Email = "ana@clinic.example" }, AnswerWithin = answerWithin }, null).Failure!;

        Assert.Contains("answerWithin", failure.Errors!.Keys);
        Assert.Contains("PT15S", failure.Errors["answerWithin"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_wait_without_an_expert_is_a_400()
    {
        var failure = _validator.Validate(new CreateMeetingRequest { AnswerWithin = "PT1M" }, null).Failure!;

        Assert.Equal(["answerWithin"], failure.Errors!.Keys);
    }

    [Theory]
    [InlineData("PT15S", 15)]
    [InlineData("PT1H", 3600)]
    [InlineData("PT1M30S", 90)]
    [InlineData("P1DT2H", 93600)]
    [InlineData("P2W", 1209600)]
    [InlineData("PT0.5S", 0.5)]
    public void Durations_read_as_iso_8601_says(string text, double seconds)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Fact]
    public void A_chain_of_one_keeps_the_fingerprint_one_expert_had_and_a_longer_chain_or_a_wait_changes_it()
    {
        var one = _validator.Validate(new CreateMeetingRequest { Expert = new() { Email = "ana@clinic.example" } }, null).Value!;
        var listed = _validator.Validate(new CreateMeetingRequest { Experts = [new() { Email = "ana@clinic.example" }] }, null).Value!;
        var two = _validator.Validate(new CreateMeetingRequest { Experts = [new() { Email = "ana@clinic.example" }, new() { Email = "ben@clinic.example" }] }, null).Value!;
        var waiting = _validator.Validate(new CreateMeetingRequest { Expert = new() { Email = "ana@clinic.example" }, AnswerWithin = "PT30S" }, null).Value!;

        Assert.Equal(RequestFingerprint.Of(one), RequestFingerprint.Of(listed));
        Assert.Equal(3, new[] { one, two, waiting }.Select(RequestFingerprint.Of).Distinct().Count());
    }
}
