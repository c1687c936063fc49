using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.DevHost.StandIns;

/// <summary>What the broker stand-in checks in a request: the broker's contract as far as it is known, strictly about JSON types.</summary>
internal static partial class BrokerContract
{
    public const string Path = "/api/v2/joseencrypt";

    public const int MaxLinksPerRequest = 25;

    /// <summary>What a well-formed request asks for.</summary>
    public sealed record Ask(int Hosts, int Guests, bool ShortUrls);

    /// <summary>Null when the headers are right; otherwise why not, with the status the broker would answer.</summary>
    public static (int Status, string Problem)? CheckHeaders(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length <= "Bearer ".Length)
        {
            return (StatusCodes.Status401Unauthorized, "Missing 'Authorization: Bearer <token>'.");
        }

        return request.ContentType?.Split(';')[0].Trim() == "application/json"
            ? null
            : (StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json.");
    }

    /// <summary>Parses and checks the body; <paramref name="problem"/> says what is wrong when it returns null.</summary>
    public static Ask? CheckBody(byte[] body, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return CheckRoot(document.RootElement, out problem);
        }
        catch (JsonException)
        {
            problem = "Body is not valid JSON.";
            return null;
        }
    }

    private static Ask? CheckRoot(JsonElement root, out string? problem)
    {
        problem = root.ValueKind != JsonValueKind.Object ? "Body must be a JSON object."
            : !IsNonEmptyString(root, "aud") ? "'aud' must be a non-empty string."
            : CheckJwt(root);
        if (problem is not null)
        {
            return null;
        }

        if (!TryInteger(root, "numHost", out var hosts) || !TryInteger(root, "numGuest", out var guests) || hosts < 0 || guests < 0)
        {
            problem = "'numHost' and 'numGuest' must be integers of at least 0.";
            return null;
        }

        problem = hosts + guests is < 1 or > MaxLinksPerRequest ? $"'numHost' + 'numGuest' must be between 1 and {MaxLinksPerRequest}."
            : !IsBooleanIfPresent(root, "provideShortUrls") ? "'provideShortUrls' must be a boolean."
            : !IsBooleanIfPresent(root, "loginUrlForHost") ? "'loginUrlForHost' must be a boolean."
            : root.TryGetProperty("verticalType", out var vertical) && !(vertical.ValueKind == JsonValueKind.String && vertical.GetString() is "hc" or "gen")
                ? "'verticalType' must be \"hc\" or \"gen\"."
            : null;
        var shortUrls = !root.TryGetProperty("provideShortUrls", out var flag) || flag.ValueKind == JsonValueKind.True;
        return problem is null ? new Ask((int)hosts, (int)guests, shortUrls) : null;
    }

    private static string? CheckJwt(JsonElement root)
    {
        if (!root.TryGetProperty("jwt", out var jwt) || jwt.ValueKind != JsonValueKind.Object)
        {
            return "'jwt' must be an object.";
        }

        if (!jwt.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String || !SubPattern().IsMatch(sub.GetString()!))
        {
            return "'jwt.sub' must be a string of letters, digits and hyphens.";
        }

        foreach (var claim in (string[])["exp", "nbf"])
        {
            if (jwt.TryGetProperty(claim, out _) && !TryInteger(jwt, claim, out _))
            {
                return $"'jwt.{claim}' must be an integer (Unix seconds).";
            }
        }

        return jwt.TryGetProperty("flow", out var flow) && (flow.ValueKind != JsonValueKind.Object || !IsNonEmptyString(flow, "id"))
            ? "'jwt.flow' must be an object with a string 'id'."
            : null;
    }

    private static bool TryInteger(JsonElement parent, string name, out long value)
    {
        value = 0;
        return parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    private static bool IsNonEmptyString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && element.GetString()!.Length > 0;

    private static bool IsBooleanIfPresent(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var element) || element.ValueKind is JsonValueKind.True or JsonValueKind.False;

    [GeneratedRegex("^[A-Za-z0-9-]{1,128}$")]
    private static partial Regex SubPattern();
}
