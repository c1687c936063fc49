using System.Globalization;
using System.Text.RegularExpressions;

namespace MeetingLinks.Tests.OpenApi;

/// <summary>
/// Holds an answer of the running app to the OpenAPI description it serves: the operation that took the request
/// lists the answer's status with its media type, and a JSON body is valid against the described schema. Every answer
/// an HTTP-level test receives through <see cref="Hosts.AppHost"/> passes through here.
/// </summary>
internal static class DescribedAnswers
{
    private static readonly List<(AppOperation Operation, Regex Path)> Routes =
        [.. AppRoutes.Operations.Select(o => (o, PathPattern(o)))];

    /// <summary>The described operation for <paramref name="method"/> and <paramref name="path"/> (no query), or null.</summary>
    public static AppOperation? OperationOf(string method, string path)
        => Routes.Where(r => r.Operation.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
            .Where(r => r.Path.Match(path) is { Success: true } match && ParametersKeepTheirPatterns(r.Operation, match))
            .Select(r => r.Operation)
            .FirstOrDefault();

    /// <summary>What is wrong with the answer <paramref name="response"/> (body <paramref name="body"/>); empty when it is described.</summary>
    public static IReadOnlyList<string> Problems(string method, string path, HttpResponseMessage response, string body)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (OperationOf(method, path) is not { } operation)
        {
            // No function takes it: the host's bare 404, which no operation describes.
            return status == "404" && body.Length == 0 ? [] : [$"{method} {path} answered {status}, but no described operation takes it"];
        }

        var described = ServedDescription.Json["paths"]?[operation.Path]?[operation.Method]?["responses"]?[status];
        if (described is null)
        {
            return [$"{operation} answered {status}, which the description does not list: {body}"];
        }

        if (described["$ref"]?.GetValue<string>() is { } reference)
        {
            described = ServedDescription.Json["components"]!["responses"]![reference.Split('/')[^1]]!;
        }

        var mediaTypes = described["content"]?.AsObject().Select(c => c.Key).ToList() ?? [];
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaTypes.Count == 0 || method.Equals("HEAD", StringComparison.OrdinalIgnoreCase))
        {
            return body.Length == 0 ? [] : [$"{operation} {status} describes no body, but one came: {body}"];
        }

        if (mediaType is null || !mediaTypes.Contains(mediaType))
        {
            return [$"{operation} {status} answered {mediaType}, the description lists {string.Join(", ", mediaTypes)}"];
        }

        return mediaType is "application/json" or "application/problem+json"
            ? [.. ServedDescription.Check(operation.Method, operation.Path, status, body).Select(e => $"{operation} {status}: {e} in {body}")]
            : [];
    }

    private static Regex PathPattern(AppOperation operation)
    {
        var pattern = Regex.Replace(Regex.Escape(operation.Path), @"\\\{(?<name>[A-Za-z_][A-Za-z0-9_]*)}", m => $"(?<{m.Groups["name"].Value}>[^/]+)");
        return new Regex("^" + pattern + "/?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    // As ASP.NET Core's regex route constraint, which the host applies: without regard to case.
    private static bool ParametersKeepTheirPatterns(AppOperation operation, Match match)
        => operation.Patterns.All(p => Regex.IsMatch(
            Uri.UnescapeDataString(match.Groups[p.Key].Value), p.Value, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)));
}
