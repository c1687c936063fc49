using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Api;

/// <summary>The test storage account: its secret, and settings that cut the app off from it.</summary>
internal static class TestStorageAccount
{
    /// <summary>The account key of the test storage: a secret as far as logs and answers are concerned.</summary>
    public static string Key(AzuriteFixture azurite) => Part(azurite, "AccountKey");

    /// <summary>
    /// The test account's credentials with a table endpoint on port 9 of loopback, where nothing listens, so every
    /// storage call fails to connect; one retry, so the failure comes quickly.
    /// </summary>
    public static Dictionary<string, string?> Unreachable(AzuriteFixture azurite)
    {
        var account = Part(azurite, "AccountName");
        return new Dictionary<string, string?>
        {
            ["Tables:ConnectionString"] =
                $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={Key(azurite)};TableEndpoint=http://127.0.0.1:9/{account};",
            ["Tables:MaxRetries"] = "1",
        };
    }

    private static string Part(AzuriteFixture azurite, string name)
    {
        var prefix = name + "=";
        var part = azurite.ConnectionString.Split(';').Single(p => p.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        return part[prefix.Length..];
    }
}
