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
    /// <param name="messagesStandIn">The messages stand-in's address, when it is in use.</param>
    public static (Dictionary<string, string> Settings, List<string> Notes) Compose(
        IReadOnlyDictionary<string, string> given, bool loopbackOnly, Uri? brokerStandIn, Uri? messagesStandIn)
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
        }
        else
        {
            notes.Add($"Webex messages: {given.GetValueOrDefault("Webex__ApiBaseUrl") ?? "https://webexapis.com"}");
        }

        return (settings, notes);
    }

    private static bool IsSet(IReadOnlyDictionary<string, string> settings, string name)
        => settings.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value);
}
