using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Api;

/// <summary>The secrets every test app is given: none may show in an answer or a log.</summary>
internal static class AppSecrets
{
    public static string[] All(AzuriteFixture azurite) =>
        [TestSecrets.BotToken, TestSecrets.FlowKey, TestSecrets.SecondFlowKey, TestSecrets.OpsKey, TestStorageAccount.Key(azurite)];

    /// <summary>Asserts that <paramref name="text"/> holds none of the app's secrets, nor any of <paramref name="more"/>.</summary>
    public static void AssertNoneIn(string text, AzuriteFixture azurite, params string[] more)
    {
        foreach (var secret in All(azurite).Concat(more))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
