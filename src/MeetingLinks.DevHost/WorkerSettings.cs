namespace MeetingLinks.DevHost;

/// <summary>
/// The app settings the worker gets: those given, plus what a development machine lacks, each noted for the start-up
/// report. The app itself knows nothing of stand-ins or development keys; it only sees ordinary settings.
/// </summary>
public static class WorkerSettings
{
    public const string DevelopmentFlowKey = "dev-flow-key";
    public const string DevelopmentOpsKey = "dev-ops-key";

    /// <summary>The bearer token sent to the broker stand-in when no bot token is set; the stand-in only checks that one is there.</summary>
    public const string StandInToken = "sandbox";

    /// <summary>The broker stand-in answers unless a broker URL or a bot token is set.</summary>
    public static bool UsesBrokerStandIn(IReadOnlyDictionary<string, string> settings)
        => !IsSet(settings, "InstantConnect__BaseUrl") && !IsSet(settings, "InstantConnect__BotToken");

    /// <summary>The messages stand-in takes the expert's messages unless a Webex API URL or a bot token is set.</summary>
    public static bool UsesMessagesStandIn(IReadOnlyDictionary<string, string> settings)
        => !IsSet(settings, "Webex__ApiBaseUrl") && !IsSet(settings, "InstantConnect__BotToken");

    /// <summary>Connect's Inbound Webhook stand-in hears the flow's events unless <c>Connect__EventsUrl</c> is set.</summary>
    public static bool UsesConnectStandIn(IReadOnlyDictionary<string, string> settings) => !IsSet(settings, "Connect__EventsUrl");

    /// <summary>The secret the app and the Webex stand-in sign pressed buttons with, when none is set.</summary>
    public const string StandInWebhookSecret = "sandbox-webhook-secret";

    /// <summary>
    /// The settings with the queue functions' account (<c>AzureWebJobsStorage</c>) on development storage unless they name
    /// one, as Core Tools' template has it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WithStorageDefault(IReadOnlyDictionary<string, string> given)
    {
        ArgumentNullException.ThrowIfNull(given);
        if (IsSet(given, "AzureWebJobsStorage") || given.Keys.Any(k => k.StartsWith("AzureWebJobsStorage__", StringComparison.OrdinalIgnoreCase)))
        {
            return given;
        }

        return new Dictionary<string, string>(given, StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = Storage.DevelopmentStorage.DevelopmentConnectionString,
        };
    }

    /// <param name="given">The settings as given, with <see cref="WithStorageDefault"/>.</param>
    /// <param name="loopbackOnly">Whether the host listens on loopback addresses alone.</param>
    /// <param name="brokerStandIn">The broker stand-in's address, when it is in use.</param>
    /// <param name="messagesStandIn">The Webex stand-in's address, when it is in use.</param>
    /// <param name="connectStandIn">The Connect stand-in's address, when it is in use.</param>
    public static (Dictionary<string, string> Settings, List<string> Notes) Compose(
        IReadOnlyDictionary<string, string> given, bool loopbackOnly, Uri? brokerStandIn, Uri? messagesStandIn, Uri? connectStandIn = null)
    {
        ArgumentNullException.ThrowIfNull(given);
        var settings = new Dictionary<string, string>(given, StringComparer.OrdinalIgnoreCase);
        var notes = new List<string>();

        if (!IsSet(given, "Auth__FlowKeys") && !IsSet(given, "Auth__OpsKeys"))
        {
            if (loopbackOnly)
            {
                settings["Auth__FlowKeys"] = DevelopmentFlowKey;
                settings["Auth__OpsKeys"] = DevelopmentOpsKey;
                notes.Add($"Keys: none set, so the app gets the development keys {DevelopmentFlowKey} (flow) and {DevelopmentOpsKey} (ops) for x-api-key; set Auth__FlowKeys and Auth__OpsKeys to use your own");
            }
            else
            {
                notes.Add("Keys: none set, and this host listens beyond loopback, so the app gets no development keys: every call but health answers 401 until Auth__FlowKeys and Auth__OpsKeys are set");
            }
        }

        if (brokerStandIn is not null)
        {
            settings["InstantConnect__BaseUrl"] = brokerStandIn.AbsoluteUri;
            if (!IsSet(given, "InstantConnect__BotToken"))
            {
                settings["InstantConnect__BotToken"] = StandInToken;
            }

            notes.Add($"Broker: the sandbox stand-in at {brokerStandIn} (its links open a page that says it is a sandbox meeting); set InstantConnect__BotToken for real meetings");
        }
        else
        {
            notes.Add($"Broker: {given.GetValueOrDefault("InstantConnect__BaseUrl") ?? "https://mtg-broker-a.wbx2.com"}");
        }

        if (messagesStandIn is not null)
        {
            settings["Webex__ApiBaseUrl"] = messagesStandIn.AbsoluteUri;
            notes.Add($"Webex messages: the sandbox stand-in; what experts would have received: {new Uri(messagesStandIn, "messages")}");

            // The stand-in calls the app back for pressed buttons: at its own front door, signed with a sandbox secret.
            if (!IsSet(given, "Webex__WebhookSecret"))
            {
                settings["Webex__WebhookSecret"] = StandInWebhookSecret;
            }

            if (!IsSet(given, "Webex__WebhookUrl"))
            {
                settings["Webex__WebhookUrl"] = Hosting.FunctionsHostOptions.FrontDoorPlaceholder + "api/webex/events";
            }

            notes.Add($"Webex answers: register the webhook once (POST /api/webex/webhooks, ops key), then press an expert's button: POST {new Uri(messagesStandIn, "messages/{id}/press?answer=joining")}");
        }
        else
        {
            notes.Add($"Webex messages: {given.GetValueOrDefault("Webex__ApiBaseUrl") ?? "https://webexapis.com"}");
        }

        if (connectStandIn is not null)
        {
            settings["Connect__EventsUrl"] = new Uri(connectStandIn, "connect/events").AbsoluteUri;
            notes.Add($"Connect: the sandbox Inbound Webhook; what the flow would have heard: {new Uri(connectStandIn, "connect/events")}");
        }
        else
        {
            notes.Add($"Connect: events to {given.GetValueOrDefault("Connect__EventsUrl")}");
        }

        return (settings, notes);
    }

    private static bool IsSet(IReadOnlyDictionary<string, string> settings, string name)
        => settings.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value);
}
