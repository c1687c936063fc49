using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Hosts;

/// <summary>App settings for a host under test, by configuration key (<c>Tables:TableName</c>); each host passes them its own way.</summary>
public static class AppHostSettings
{
    /// <summary>
    /// What every test app gets unless a test says otherwise: its own table, the shared Azurite's queues for its queue
    /// functions, keys, the receipts' hub secret, and the sandbox broker.
    /// </summary>
    public static Dictionary<string, string?> Defaults(AzuriteFixture azurite) => new(StringComparer.Ordinal)
    {
        ["Tables:ConnectionString"] = azurite.ConnectionString,
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["Tables:TableName"] = azurite.NewTableName(),
        ["Auth:FlowKeys"] = $"{TestApp.FlowKey};{TestApp.SecondFlowKey}",
        ["Auth:OpsKeys"] = TestApp.OpsKey,
        ["Receipts:HubSecret"] = TestApp.HubSecret,
        ["InstantConnect:Sandbox"] = "true",
        ["InstantConnect:BotToken"] = TestApp.BotToken,
        ["LocalRun:StartAzurite"] = "false",
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
