using MeetingLinks.InstantConnect;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Create;
using MeetingLinks.Outcomes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeetingLinks.Tests.Meetings;

public class LinkRequestValidatorCreateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly LinkRequestValidator _validator = new(Options.Create(new InstantConnectOptions()), Options.Create(new MeetingLinks.Meetings.Visits.VisitsOptions()), new FakeTimeProvider(Now));

    [Fact]
    public void Empty_request_gets_the_configured_defaults()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest(), null);

        var request = Assert.IsType<ValidatedCreate>(outcome.Value);
        Assert.Equal(1, request.Hosts);
        Assert.Equal(1, request.Guests);
        Assert.Equal("hc", request.VerticalType);
        Assert.False(request.LoginUrlForHost);
        Assert.Null(request.IdempotencyKey);
        Assert.Null(request.Phone);
        Assert.Empty(request.Devices);
    }

    [Fact]
    public void Header_key_wins_over_requestId()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { RequestId = "body-key" }, "header-key");

        Assert.Equal("header-key", outcome.Value!.IdempotencyKey);
    }

    [Fact]
    public void Phone_without_plus_is_normalized_and_channel_lowercased()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest
        {
            Customer = new CustomerDetails { Phone = "15551234567", Name = " Jane Doe ", Channel = "WhatsApp" },
        }, null);

        Assert.Equal("+15551234567", outcome.Value!.Phone);
        Assert.Equal("Jane Doe", outcome.Value.CustomerName);
        Assert.Equal("whatsapp", outcome.Value.Channel);
    }

    [Fact]
    public void Bad_phone_alone_gives_invalid_phone()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { Customer = new CustomerDetails { Phone = "12" } }, null);

        var problem = outcome.Failure!;
        Assert.Equal("invalid_phone", problem.Code);
        Assert.Equal(FailureKind.Invalid, problem.Kind);
        Assert.Contains("customer.phone", problem.Errors!.Keys);
    }

    [Fact]
    public void Bad_phone_with_other_errors_gives_invalid_request_listing_each_field()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest
        {
            Customer = new CustomerDetails { Phone = "12" },
            Hosts = 20,
            Guests = 20,
            VerticalType = "retail",
        }, null);

        var problem = outcome.Failure!;
        Assert.Equal("invalid_request", problem.Code);
        Assert.Equal(["customer.phone", "guests", "verticalType"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 2)]
    [InlineData(1, -1)]
    [InlineData(13, 13)]
    [InlineData(0, 26)]
    public void Participant_counts_outside_1_to_25_are_rejected(int hosts, int guests)
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { Hosts = hosts, Guests = guests }, null);

        Assert.NotNull(outcome.Failure);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 24)]
    [InlineData(25, 0)]
    public void Participant_counts_within_1_to_25_are_accepted(int hosts, int guests)
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { Hosts = hosts, Guests = guests }, null);

        Assert.NotNull(outcome.Value);
    }

    [Fact]
    public void Expiry_in_the_past_is_rejected()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { ExpiresAt = Now.AddMinutes(-1) }, null);

        Assert.Contains("expiresAt", outcome.Failure!.Errors!.Keys);
    }

    [Fact]
    public void Expiry_before_validFrom_is_rejected()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { ValidFrom = Now.AddHours(2), ExpiresAt = Now.AddHours(1) }, null);

        Assert.Contains("expiresAt", outcome.Failure!.Errors!.Keys);
    }

    [Fact]
    public void ValidFrom_long_ago_or_years_ahead_is_rejected()
    {
        Assert.NotNull(_validator.Validate(new CreateMeetingRequest { ValidFrom = Now.AddHours(-1) }, null).Failure);
        Assert.NotNull(_validator.Validate(new CreateMeetingRequest { ValidFrom = Now.AddYears(2) }, null).Failure);
    }

    [Fact]
    public void Dates_are_truncated_to_whole_seconds()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest
        {
            ValidFrom = Now.AddMinutes(10).AddMilliseconds(700),
            ExpiresAt = Now.AddDays(1).AddMilliseconds(300),
        }, null);

        Assert.Equal(Now.AddMinutes(10), outcome.Value!.Validity.From);
        Assert.Equal(Now.AddDays(1), outcome.Value.Validity.Until);
    }

    [Theory]
    [InlineData("reference", 101)]
    [InlineData("subject", 201)]
    [InlineData("customer.name", 201)]
    [InlineData("requestId", 201)]
    public void Overlong_strings_are_rejected(string field, int length)
    {
        var text = new string('a', length);
        var request = field switch
        {
            "reference" => new CreateMeetingRequest { Reference = text },
            "subject" => new CreateMeetingRequest { Subject = text },
            "customer.name" => new CreateMeetingRequest { Customer = new CustomerDetails { Name = text } },
            _ => new CreateMeetingRequest { RequestId = text },
        };

        var outcome = _validator.Validate(request, null);

        Assert.Contains(field, outcome.Failure!.Errors!.Keys);
    }

    [Theory]
    [InlineData("Jane\u0000Doe")]
    [InlineData("Jane\nDoe")]
    [InlineData("Jane\u001bDoe")]
    public void Control_characters_are_rejected(string name)
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { Customer = new CustomerDetails { Name = name } }, null);

        Assert.Contains("customer.name", outcome.Failure!.Errors!.Keys);
    }

    [Fact]
    public void Unicode_names_are_kept()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { Customer = new CustomerDetails { Name = "Zoë Ñúñez 王秀英" } }, null);

        Assert.Equal("Zoë Ñúñez 王秀英", outcome.Value!.CustomerName);
    }

    [Theory]
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467 Ana", "\U0001F468\U0001F469\U0001F467 Ana")] // a family emoji, as WhatsApp profiles have
    [InlineData("\u0645\u06CC\u200C\u0631\u0648\u062F", "\u0645\u06CC\u0631\u0648\u062F")] // Persian with a zero-width non-joiner
    [InlineData("Jane\u202E eoD", "Jane eoD")] // a right-to-left override
    [InlineData("\uFEFFJane\u200B", "Jane")]
    public void Invisible_characters_are_taken_out_of_the_customers_name_rather_than_refused(string name, string kept)
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { Customer = new CustomerDetails { Name = name } }, null);

        Assert.Equal(kept, outcome.Value!.CustomerName);
    }

    [Fact]
    public void Invisible_characters_in_the_reference_and_subject_are_refused()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { Reference = "CASE-1\u200F", Subject = "a\u2066b" }, null);

        Assert.Equal(["reference", "subject"], outcome.Failure!.Errors!.Keys.Order());
    }

    [Fact]
    public void Devices_must_be_sip_uris()
    {
        var ok = _validator.Validate(new CreateMeetingRequest { Devices = ["room@example.webex.com", "sip:desk1@example.com"] }, null);
        var bad = _validator.Validate(new CreateMeetingRequest { Devices = ["room@example.webex.com", "not a uri"] }, null);

        Assert.Equal(2, ok.Value!.Devices.Count);
        Assert.Equal(["devices[1]"], bad.Failure!.Errors!.Keys);
    }

    [Fact]
    public void Unknown_channel_is_rejected()
    {
        var outcome = _validator.Validate(new CreateMeetingRequest { Customer = new CustomerDetails { Channel = "pigeon" } }, null);

        Assert.Contains("customer.channel", outcome.Failure!.Errors!.Keys);
    }
}
