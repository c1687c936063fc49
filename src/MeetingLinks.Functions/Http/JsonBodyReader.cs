namespace MeetingLinks.Http;

/// <summary>Reads a JSON body with a size cap; every way it is wrong is a 400 naming the field; empty is <c>{}</c>.</summary>
public static class JsonBodyReader
{
    public static async Task<Outcome<T>> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, int maxBytes, CancellationToken cancellationToken)
        where T : class, new()
    {
        var body = await RequestBody.ReadCappedAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return Failure.TooLarge(maxBytes);
        }

        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return new T();
        }

        JsonElement root;
        try
        {
            root = JsonElement.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return Failure.Invalid(ProblemCodes.InvalidRequest,
                $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Failure.Invalid(ProblemCodes.InvalidRequest, "The body must be a JSON object.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        FindUnknownFields(root, typeInfo, string.Empty, errors);
        if (errors.Count > 0)
        {
            return Failure.Invalid(ProblemCodes.InvalidRequest, errors);
        }

        try
        {
            return root.Deserialize(typeInfo) ?? new T();
        }
        catch (JsonException ex)
        {
            // The JSON path without its "$.", or the body itself.
            var field = ex.Path?.TrimStart('$').TrimStart('.') is { Length: > 0 } path ? path : "body";
            return Failure.Invalid(ProblemCodes.InvalidRequest, new Dictionary<string, string[]> { [field] = [ExpectedShape(field)] });
        }
    }

    /// <summary>Lists the fields the type does not have (often a typo), walking the document against its JSON contract.</summary>
    private static void FindUnknownFields(JsonElement element, JsonTypeInfo typeInfo, string prefix, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind != JsonValueKind.Object || typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var field = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            var known = typeInfo.Properties.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors[field] = ["is not a known field."];
                continue;
            }

            FindUnknownFields(property.Value, typeInfo.Options.GetTypeInfo(known.PropertyType), field, errors);
        }
    }

    private static string ExpectedShape(string field)
    {
        var last = field.Split('.')[^1];
        return last switch
        {
            _ when last.StartsWith("devices", StringComparison.Ordinal) => "must be an array of strings (SIP URIs).",
            "hosts" or "guests" => "must be a whole number.",
            "validFrom" or "expiresAt" => "must be a date and time in ISO 8601 with an offset, e.g. 2026-11-25T10:00:00Z.",
            "loginUrlForHost" => "must be true or false.",
            "customer" => "must be an object with phone, name and channel.",
            _ => "must be a string.",
        };
    }
}
