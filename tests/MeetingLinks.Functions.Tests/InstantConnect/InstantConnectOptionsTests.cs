using MeetingLinks.InstantConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Tests.InstantConnect;

public sealed class InstantConnectOptionsTests
{
    [Fact]
    public async Task Without_a_token_start_up_fails_with_one_clear_line()
    {
        await using var host = BrokerTestHost.Create([], broker: null);

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(InstantConnectOptionsValidator.MissingBotTokenMessage, failure.Message);
        Assert.StartsWith("InstantConnect__BotToken is not set.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_bind_as_documented()
    {
        await using var host = BrokerTestHost.WithBroker();

        var options = host.Services.GetRequiredService<IOptions<InstantConnectOptions>>().Value;

        Assert.Equal(new Uri("https://broker.test"), options.BaseUrl);
        Assert.Equal("a4d886b0-979f-4e2c-a958-3e8c14605e51", options.Audience);
        Assert.Equal(("hc", false, true), (options.VerticalType, options.LoginUrlForHost, options.ShortUrls));
        Assert.Equal(TimeSpan.FromDays(1), options.LinkLifetime);
        Assert.Equal(new Uri("https://instant.webex.com"), options.LinkBaseUrl);
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8), 3, TimeSpan.FromSeconds(4)),
            (options.AttemptTimeout, options.TotalTimeout, options.MaxRetries, options.MaxRetryAfter));
        Assert.Equal(new Uri("https://mtg-broker-a.wbx2.com"), new InstantConnectOptions().BaseUrl);
    }

    [Theory]
    [InlineData("InstantConnect:LinkLifetime", "00:00:00", "InstantConnect__LinkLifetime")]
    [InlineData("InstantConnect:LinkLifetime", "367.00:00:00", "InstantConnect__LinkLifetime")]
    [InlineData("InstantConnect:VerticalType", "xyz", "InstantConnect__VerticalType")]
    [InlineData("InstantConnect:AttemptTimeout", "00:00:08", "InstantConnect__AttemptTimeout")]
    [InlineData("InstantConnect:TotalTimeout", "00:00:30", "InstantConnect__TotalTimeout")]
    [InlineData("InstantConnect:MaxRetries", "9", "InstantConnect__MaxRetries")]
    [InlineData("InstantConnect:BaseUrl", "/relative", "InstantConnect__BaseUrl")]
    public async Task Out_of_range_settings_fail_naming_the_setting(string key, string value, string named)
    {
        await using var host = BrokerTestHost.WithBroker(settings: new() { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_settings_pass_start_up_validation()
    {
        await using var host = BrokerTestHost.WithBroker(settings: new() { ["InstantConnect:LinkLifetime"] = "366.00:00:00" });

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Link_validity_counts_the_lifetime_from_the_requested_start_or_now()
    {
        var now = new DateTimeOffset(2025, 3, 1, 9, 0, 0, 400, TimeSpan.Zero);
        var whole = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal((whole, whole.AddHours(2)), new MeetingLinks.Meetings.LinkValidity(null, null, TimeSpan.FromHours(2)).Resolve(now));
        Assert.Equal((now.AddHours(3), now.AddHours(5)), new MeetingLinks.Meetings.LinkValidity(now.AddHours(3), null, TimeSpan.FromHours(2)).Resolve(now));
        Assert.Equal((whole, now.AddHours(9)), new MeetingLinks.Meetings.LinkValidity(null, now.AddHours(9), TimeSpan.FromHours(2)).Resolve(now));
    }
}
