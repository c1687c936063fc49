namespace MeetingLinks.Tests.Infrastructure;

/// <summary>The keys and secrets test apps are configured with; none may ever show in a log or an answer.</summary>
public static class TestSecrets
{
    public const string FlowKey = "flow-key-7f3a9c";
    public const string SecondFlowKey = "flow-key-rotated-2b81";
    public const string OpsKey = "ops-key-4d21e0";
    public const string BotToken = "bot-token-SECRET-91c4f2e8";
    public const string HubSecret = "hub-secret-5e7d1a9b";
    public const string WebhookSecret = "webex-webhook-secret-3c9e71";
    public const string ConnectServiceKey = "connect-service-key-8d02b4";
    public const string ConnectEventsSecret = "connect-events-secret-61fa0c";
}
