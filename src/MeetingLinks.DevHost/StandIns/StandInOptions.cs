using System.Globalization;

namespace MeetingLinks.DevHost.StandIns;

/// <summary>How the stand-ins misbehave, from the development host's settings <c>Sandbox__*</c>; by default they do not.</summary>
public sealed record StandInOptions
{
    /// <summary>Added before every answer of the broker stand-in.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Share of broker calls (0..1) answered with <see cref="FailureStatusCode"/> instead of links.</summary>
    public double FailureRate { get; init; }

    public int FailureStatusCode { get; init; } = 503;

    /// <summary>Added before every answer of the stand-in for Webex's messages API.</summary>
    public TimeSpan MessagesLatency { get; init; }

    /// <summary>Share of messages (0..1) the stand-in answers with 503 instead of accepting.</summary>
    public double MessagesFailureRate { get; init; }

    /// <summary>Reads <c>Sandbox__Latency</c> and the rest; a value that is not valid is an error naming the setting.</summary>
    public static StandInOptions FromSettings(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new StandInOptions
        {
            Latency = Read(settings, "Sandbox__Latency", TimeSpan.Zero, v => TimeSpan.Parse(v, CultureInfo.InvariantCulture)),
            FailureRate = Read(settings, "Sandbox__FailureRate", 0d, v => double.Parse(v, CultureInfo.InvariantCulture)),
            FailureStatusCode = Read(settings, "Sandbox__FailureStatusCode", 503, v => int.Parse(v, CultureInfo.InvariantCulture)),
            MessagesLatency = Read(settings, "Sandbox__MessagesLatency", TimeSpan.Zero, v => TimeSpan.Parse(v, CultureInfo.InvariantCulture)),
            MessagesFailureRate = Read(settings, "Sandbox__MessagesFailureRate", 0d, v => double.Parse(v, CultureInfo.InvariantCulture)),
        };
        Check(options.Latency >= TimeSpan.Zero && options.Latency <= TimeSpan.FromMinutes(1), "Sandbox__Latency must be between 0 and 1 minute.");
        Check(options.FailureRate is >= 0 and <= 1, "Sandbox__FailureRate must be between 0 and 1.");
        Check(options.FailureStatusCode is >= 400 and <= 599, "Sandbox__FailureStatusCode must be an HTTP error status (400-599).");
        Check(options.MessagesLatency >= TimeSpan.Zero && options.MessagesLatency <= TimeSpan.FromMinutes(1), "Sandbox__MessagesLatency must be between 0 and 1 minute.");
        Check(options.MessagesFailureRate is >= 0 and <= 1, "Sandbox__MessagesFailureRate must be between 0 and 1.");
        return options;
    }

    private static T Read<T>(IReadOnlyDictionary<string, string> settings, string name, T fallback, Func<string, T> parse)
    {
        if (!settings.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        try
        {
            return parse(text.Trim());
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new DevHostSettingsException($"{name} is not valid: '{text}'.", ex);
        }
    }

    private static void Check(bool valid, string message)
    {
        if (!valid)
        {
            throw new DevHostSettingsException(message);
        }
    }
}
