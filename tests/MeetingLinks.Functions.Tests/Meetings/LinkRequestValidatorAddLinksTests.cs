using MeetingLinks.InstantConnect;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Links;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeetingLinks.Tests.Meetings;

public class LinkRequestValidatorAddLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly LinkRequestValidator _validator = new(
        Options.Create(new InstantConnectOptions { LinkLifetime = TimeSpan.FromHours(6), VerticalType = "gen" }),
        Options.Create(new MeetingLinks.Meetings.Visits.VisitsOptions()), new FakeTimeProvider(Now));

    [Fact]
    public void An_empty_request_is_one_guest_link_from_now_for_the_configured_lifetime()
    {
        var request = _validator.Validate(new AddLinksRequest(), null).Value!;

        Assert.Equal((0, 1), (request.Hosts, request.Guests));
        Assert.Equal((Now, Now.AddHours(6)), request.Validity.Resolve(Now));
        Assert.Equal("gen", request.VerticalType);
        Assert.Null(request.IdempotencyKey);
    }

    [Fact]
    public void The_header_key_wins_and_counts_follow_the_create_rules()
    {
        var valid = _validator.Validate(new AddLinksRequest { RequestId = "body", Hosts = 2 }, "header").Value!;
        var none = _validator.Validate(new AddLinksRequest { Hosts = 0, Guests = 0 }, null);
        var tooMany = _validator.Validate(new AddLinksRequest { Guests = 26 }, null);

        Assert.Equal(("header", 2, 1), (valid.IdempotencyKey, valid.Hosts, valid.Guests));
        Assert.Contains("guests", none.Failure!.Errors!.Keys);
        Assert.Contains("guests", tooMany.Failure!.Errors!.Keys);
    }
}
