namespace MeetingLinks.InstantConnect;

/// <summary>The broker's <c>verticalType</c> values: healthcare or general.</summary>
public static class VerticalTypes
{
    public const string Healthcare = "hc";

    public const string General = "gen";

    public static bool IsKnown(string? value) => value is Healthcare or General;
}
