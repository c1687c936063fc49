using MeetingLinks.DevHost;

namespace MeetingLinks.Tests.DevHost;

/// <summary>What the development host adds to the settings it is given, and when: the app only ever sees ordinary settings.</summary>
public sealed class WorkerSettingsTests
{
    private static readonly Uri StandIns = new("http://localhost:7072/");

    [Fact]
    public void Without_keys_on_loopback_alone_the_app_gets_the_development_keys()
    {
        var (settings, notes) = WorkerSettings.Compose(Given(), loopbackOnly: true, null, null);

        Assert.Equal("dev-flow-key", settings["Auth__FlowKeys"]);
        Assert.Equal("dev-ops-key", settings["Auth__OpsKeys"]);
        Assert.Contains(notes, n => n.Contains("dev-flow-key (flow) and dev-ops-key (ops)", StringComparison.Ordinal));
    }

    [Fact]
    public void Listening_beyond_loopback_the_app_gets_no_development_keys_and_the_report_says_why()
    {
        var (settings, notes) = WorkerSettings.Compose(Given(), loopbackOnly: false, null, null);

        Assert.False(settings.ContainsKey("Auth__FlowKeys"));
        Assert.False(settings.ContainsKey("Auth__OpsKeys"));
        Assert.Contains(notes, n => n.Contains("beyond loopback", StringComparison.Ordinal) && n.Contains("401", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Auth__FlowKeys")]
    [InlineData("Auth__OpsKeys")]
    public void Any_key_set_means_no_development_keys(string setting)
    {
        var (settings, _) = WorkerSettings.Compose(Given((setting, "mine")), loopbackOnly: true, null, null);

        Assert.Equal("mine", settings[setting]);
        Assert.DoesNotContain("dev-flow-key", settings.Values);
        Assert.DoesNotContain("dev-ops-key", settings.Values);
    }

    [Theory]
    [InlineData(null, null, null, true, true)]
    [InlineData("https://broker.example", null, null, false, true)]
    [InlineData(null, "a-bot-token", null, false, false)]
    [InlineData(null, null, "https://webex.example", true, false)]
    [InlineData("", "", "", true, true)]
    public void The_stand_ins_answer_unless_a_broker_a_webex_api_or_a_bot_token_is_set(
        string? brokerUrl, string? token, string? webexUrl, bool broker, bool messages)
    {
        var given = Given(("InstantConnect__BaseUrl", brokerUrl), ("InstantConnect__BotToken", token), ("Webex__ApiBaseUrl", webexUrl));

        Assert.Equal(broker, WorkerSettings.UsesBrokerStandIn(given));
        Assert.Equal(messages, WorkerSettings.UsesMessagesStandIn(given));
    }

    [Fact]
    public void The_stand_ins_are_reached_through_the_apps_ordinary_settings()
    {
        var (settings, _) = WorkerSettings.Compose(Given(("InstantConnect__BotToken", "")), loopbackOnly: true, StandIns, StandIns);

        Assert.Equal("http://localhost:7072/", settings["InstantConnect__BaseUrl"]);
        Assert.Equal("http://localhost:7072/", settings["Webex__ApiBaseUrl"]);
        Assert.Equal(WorkerSettings.StandInToken, settings["InstantConnect__BotToken"]);
    }

    [Fact]
    public void A_bot_token_given_is_kept_even_for_the_stand_in()
    {
        var (settings, _) = WorkerSettings.Compose(Given(("InstantConnect__BotToken", "secret")), loopbackOnly: true, StandIns, null);

        Assert.Equal("secret", settings["InstantConnect__BotToken"]);
        Assert.False(settings.ContainsKey("Webex__ApiBaseUrl"));
    }

    [Fact]
    public void The_queue_functions_account_is_development_storage_unless_one_is_named()
    {
        Assert.Equal("UseDevelopmentStorage=true", WorkerSettings.WithStorageDefault(Given())["AzureWebJobsStorage"]);
        Assert.Equal("x", WorkerSettings.WithStorageDefault(Given(("AzureWebJobsStorage", "x")))["AzureWebJobsStorage"]);
        Assert.False(WorkerSettings.WithStorageDefault(Given(("AzureWebJobsStorage__accountName", "acct"))).ContainsKey("AzureWebJobsStorage"));
    }

    [Theory]
    [InlineData(true, "http://127.0.0.1:7071", "http://[::1]:7071")]
    [InlineData(true, "http://localhost:7071")]
    [InlineData(false, "http://0.0.0.0:7071")]
    [InlineData(false, "http://[::]:7071")]
    [InlineData(false, "http://+:7071")]
    [InlineData(false, "http://*:7071")]
    [InlineData(false, "http://192.168.1.20:7071")]
    [InlineData(false, "http://meetings.example.com:7071")]
    [InlineData(false, "http://localhost:7071", "http://0.0.0.0:7072")]
    public void Only_loopback_addresses_count_as_loopback(bool expected, params string[] urls)
    {
        Assert.Equal(expected, LoopbackAddresses.OnlyLoopback(urls));
    }

    private static Dictionary<string, string> Given(params (string Name, string? Value)[] settings)
        => settings.Where(s => s.Value is not null).ToDictionary(s => s.Name, s => s.Value!, StringComparer.OrdinalIgnoreCase);
}
