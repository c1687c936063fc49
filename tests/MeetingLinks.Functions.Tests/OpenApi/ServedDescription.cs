using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MeetingLinks.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace MeetingLinks.Tests.OpenApi;

/// <summary>
/// The OpenAPI description exactly as the app serves it: read by Microsoft.OpenApi for its structure, and as plain
/// JSON for checking examples and answers against its schemas (OpenAPI 3.1 schemas are JSON Schema 2020-12).
/// </summary>
internal static class ServedDescription
{
    private const string SchemasPointer = "#/components/schemas/";

    public static string Text { get; } = Encoding.UTF8.GetString(OpenApiDescription.Content.Span);

    public static JsonObject Json { get; } = JsonNode.Parse(Text)!.AsObject();

    public static ReadResult Read(string text) => OpenApiDocument.Parse(text, OpenApiConstants.Json);

    /// <summary>
    /// What is wrong with <paramref name="json"/> as the request body (<paramref name="part"/> <c>request</c>) or
    /// the answer with status <paramref name="part"/> of an operation; empty when it is valid.
    /// </summary>
    public static IReadOnlyList<string> Check(string method, string path, string part, string json)
    {
        var schema = SchemaOf(method, path, part);
        using var instance = JsonDocument.Parse(json);
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["not valid (no detail given)"];
    }

    /// <summary>
    /// The operation's JSON schema, standing alone: the description's component schemas go along as <c>$defs</c>,
    /// and references to them point there.
    /// </summary>
    public static JsonSchema SchemaOf(string method, string path, string part)
    {
        var operation = Json["paths"]?[path]?[method.ToLowerInvariant()]
            ?? throw new InvalidOperationException($"The description has no operation {method} {path}.");
        var content = part == "request"
            ? operation["requestBody"]?["content"]
            : Dereference(operation["responses"]?[part])?["content"];
        var schema = (content?["application/json"] ?? content?["application/problem+json"])?["schema"]
            ?? throw new InvalidOperationException($"{method} {path} has no JSON schema for {part}.");

        var root = Rewrite(schema.DeepClone()).AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = Rewrite(Json["components"]!["schemas"]!.DeepClone());
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>A response given as a reference to <c>#/components/responses/…</c>, looked up.</summary>
    private static JsonNode? Dereference(JsonNode? node)
        => node?["$ref"]?.GetValue<string>() is { } reference
            ? Json["components"]!["responses"]![reference.Split('/')[^1]]
            : node;

    private static JsonNode Rewrite(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith(SchemasPointer, StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/$defs/" + reference[SchemasPointer.Length..];
                }

                foreach (var (_, value) in obj.ToList())
                {
                    if (value is not null)
                    {
                        Rewrite(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Rewrite(item);
                    }
                }

                break;
        }

        return node;
    }
}
