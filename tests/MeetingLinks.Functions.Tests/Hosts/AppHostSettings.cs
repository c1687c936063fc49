using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Hosts;

/// <summary>App settings for an app under test, by configuration key (<c>Tables:TableName</c>).</summary>
public static class AppHostSettings
{
    /// <summary>
    /// What every test app gets unless a test says otherwise: its own table in the shared Azurite and its own account
    /// for the queues of its queue functions, keys, the receipts' hub secret, and a bot token. The development host's
    /// stand-ins answer for the broker and for Webex unless a test names a broker or a Webex API of its own. A queue the
    /// app has not created yet is looked for again within half a second (host.json's 2 s would be waited for by the
    /// test that first puts a message on it), and no more often, so that idle apps cost the run little.
    /// </summary>
    public static Dictionary<string, string?> Defaults(AzuriteFixture azurite) => new(StringComparer.Ordinal)
    {
        ["Tables:ConnectionString"] = azurite.ConnectionString,
        ["AzureWebJobsStorage"] = azurite.NewAccount(),
        ["Tables:TableName"] = azurite.NewTableName(),
        ["Auth:FlowKeys"] = $"{TestSecrets.FlowKey};{TestSecrets.SecondFlowKey}",
        ["Auth:OpsKeys"] = TestSecrets.OpsKey,
        ["Receipts:HubSecret"] = TestSecrets.HubSecret,
        ["InstantConnect:BotToken"] = TestSecrets.BotToken,
        ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500",
    };

    /// <summary>The defaults with <paramref name="overrides"/> on top; a null value removes the setting.</summary>
    public static Dictionary<string, string?> With(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? overrides)
    {
        var settings = Defaults(azurite);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return settings;
    }
}
