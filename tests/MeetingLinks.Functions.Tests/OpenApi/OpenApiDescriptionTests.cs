using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeetingLinks.Access;
using MeetingLinks.Tests.Infrastructure;
using Microsoft.OpenApi;

namespace MeetingLinks.Tests.OpenApi;

/// <summary>The OpenAPI description the app serves says what the app really does: its routes, roles, parameters and errors.</summary>
public partial class OpenApiDescriptionTests
{
    private static readonly OpenApiDocument Document = ServedDescription.Read(ServedDescription.Text).Document!;

    [Fact]
    public void It_is_OpenAPI_3_1_and_reads_without_errors_or_warnings()
    {
        var (document, diagnostic) = ServedDescription.Read(ServedDescription.Text);

        Assert.NotNull(diagnostic);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.True(diagnostic.Errors.Count == 0, string.Join(Environment.NewLine, diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.True(diagnostic.Warnings.Count == 0, string.Join(Environment.NewLine, diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.NotNull(document);
        Assert.NotEmpty(document.Paths);
    }

    [Fact]
    public void Every_route_and_method_the_app_serves_is_described()
    {
        var missing = AppRoutes.Operations.Where(o => Find(o.Path, o.Method) is null).Select(o => $"{o} ({o.Function.Name})").ToList();

        Assert.True(missing.Count == 0, "Not described: " + string.Join(", ", missing));
    }

    [Fact]
    public void It_describes_no_route_or_method_the_app_does_not_serve()
    {
        var served = AppRoutes.Operations.Select(o => o.ToString()).ToHashSet(StringComparer.Ordinal);
        var described = Document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => $"{o.Key.Method.ToUpperInvariant()} {p.Key}"));

        var extra = described.Where(d => !served.Contains(d)).ToList();

        Assert.True(extra.Count == 0, "Described but not served: " + string.Join(", ", extra));
    }

    [Fact]
    public void Each_operation_is_named_after_its_function_and_says_which_key_it_needs()
    {
        foreach (var served in AppRoutes.Operations)
        {
            var operation = Find(served.Path, served.Method)!;
            Assert.StartsWith(served.Function.Name, operation.OperationId, StringComparison.Ordinal);
            Assert.True(operation.Security is not null, $"{served}: say which key it needs, or security: [] for none.");
            var alternatives = operation.Security.Select(r => string.Join('+', r.Keys.Select(k => k.Reference.Id).Order(StringComparer.Ordinal))).ToList();
            Assert.Equal(ExpectedSecurity(served), alternatives);
        }

        foreach (var function in AppRoutes.Functions)
        {
            Assert.Contains(AppRoutes.Operations, o => o.Function == function && Find(o.Path, o.Method)!.OperationId == function.Name);
        }
    }

    [Fact]
    public void Operations_with_a_key_answer_401_and_403_and_every_operation_may_answer_500()
    {
        foreach (var served in AppRoutes.Operations)
        {
            var codes = ProblemCodes(served.Path, served.Method);
            Assert.True(codes.GetValueOrDefault("500") is ["internal_error"], $"{served}: 500 internal_error");
            if (ExpectedSecurity(served).Any(s => s.Length > 0))
            {
                Assert.True(codes.GetValueOrDefault("401")?.Contains("unauthorized") == true, $"{served}: 401 unauthorized");
                Assert.True(codes.GetValueOrDefault("403") is ["forbidden"], $"{served}: 403 forbidden");
            }
        }
    }

    [Fact]
    public void Route_parameters_are_described_with_the_routes_constraint()
    {
        foreach (var served in AppRoutes.Operations)
        {
            var pathItem = Document.Paths[served.Path];
            var parameters = (pathItem.Parameters ?? []).Concat(Find(served.Path, served.Method)!.Parameters ?? [])
                .Where(p => p.In == ParameterLocation.Path)
                .ToDictionary(p => p.Name!, StringComparer.Ordinal);
            var names = RouteParameter().Matches(served.Path).Select(m => m.Groups[1].Value).ToList();

            Assert.Equal(names.Order(StringComparer.Ordinal), parameters.Keys.Order(StringComparer.Ordinal));
            foreach (var name in names)
            {
                Assert.True(parameters[name].Required, $"{served}: {{{name}}} is required");
                Assert.True(served.Patterns.ContainsKey(name), $"{served}: the route does not constrain {{{name}}}");
                Assert.Equal(served.Patterns[name], parameters[name].Schema?.Pattern);
            }
        }
    }

    [Fact]
    public void Error_answers_are_problems_whose_codes_keep_to_one_status()
    {
        var known = Enums(ServedDescription.Json["components"]!["schemas"]!["ProblemCode"]!);
        var statusOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var served in AppRoutes.Operations)
        {
            foreach (var (status, codes) in ProblemCodes(served.Path, served.Method))
            {
                Assert.NotEmpty(codes);
                foreach (var code in codes)
                {
                    Assert.True(known.Contains(code), $"{served} {status}: {code} is not a ProblemCode");
                    Assert.Equal(statusOf.GetValueOrDefault(code, status), status);
                    statusOf[code] = status;
                }
            }
        }

        Assert.Equal(known.Order(StringComparer.Ordinal), statusOf.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_503_problem_carries_Retry_After()
    {
        foreach (var served in AppRoutes.Operations.Where(o => ProblemCodes(o.Path, o.Method).ContainsKey("503")))
        {
            var response = Find(served.Path, served.Method)!.Responses!["503"];
            Assert.True(response.Headers?.ContainsKey("Retry-After") == true, $"{served}: 503 without Retry-After");
        }
    }

    [Fact]
    public void The_problem_codes_are_those_of_the_guides_error_table()
    {
        // The one "### Errors" section among the guides, wherever it stands.
        var guide = Assert.Single(GuideFiles.All(), g => g.Text.Contains("\n### Errors\n", StringComparison.Ordinal)).Text;
        var section = guide[guide.IndexOf("\n### Errors\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n#", 1, StringComparison.Ordinal)];
        var documented = ErrorRow().Matches(section)
            .SelectMany(m => Regex.Matches(m.Groups["codes"].Value, "`([a-z_]+)`").Select(c => c.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        var described = Enums(ServedDescription.Json["components"]!["schemas"]!["ProblemCode"]!);

        Assert.Equal(documented.Order(StringComparer.Ordinal), described.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_statuses_event_types_message_statuses_and_problem_codes_are_the_codes_own_lists()
    {
        var schemas = ServedDescription.Json["components"]!["schemas"]!;

        Assert.Equal(MeetingLinks.Outcomes.ProblemCodes.All, Enums(schemas["ProblemCode"]!));

        Assert.Equal(MeetingLinks.Meetings.MeetingStatus.All, Enums(schemas["MeetingStatus"]!));
        Assert.Equal(MeetingLinks.Meetings.MeetingStatus.EventTypes, Enums(schemas["EventType"]!));
        Assert.Equal(MeetingLinks.Notifications.Delivery.Statuses, Enums(schemas["ExpertNotification"]!["properties"]!["status"]!));
        Assert.Equal(
            MeetingLinks.Notifications.Delivery.Statuses,
            Enums(ServedDescription.Json["components"]!["parameters"]!["ExpertNotificationStatus"]!["schema"]!));

        // The expert's answers, and what the flow hears of them.
        Assert.Equal(MeetingLinks.Experts.ExpertResponse.Answers, Enums(schemas["ExpertResponse"]!["properties"]!["answer"]!));
        Assert.Equal(
            MeetingLinks.Meetings.Storage.MeetingFilter.ExpertAnswers,
            Enums(ServedDescription.Json["components"]!["parameters"]!["ExpertAnswer"]!["schema"]!));
        Assert.Equal(MeetingLinks.Experts.ExpertChain.Outcomes, Enums(schemas["ExpertChainStep"]!["properties"]!["outcome"]!));
        Assert.Equal(MeetingLinks.Connect.FlowEvent.Names, Enums(schemas["FlowEvent"]!["properties"]!["event"]!));
        Assert.Equal(MeetingLinks.Connect.FlowEvent.Names, Enums(schemas["FlowEventBody"]!["properties"]!["event"]!));
        Assert.Equal(MeetingLinks.Notifications.Delivery.Statuses, Enums(schemas["FlowEvent"]!["properties"]!["status"]!));
        Assert.Equal([MeetingLinks.Connect.FlowEvent.Joining, MeetingLinks.Connect.FlowEvent.Declined],
            Enums(schemas["MeetingEvent"]!["properties"]!["type"]!["anyOf"]![1]!));
        Assert.Equal(
            [MeetingLinks.Meetings.Events.ReportEventValidator.Source, MeetingLinks.Receipts.DeliveryReceipt.EventSource, MeetingLinks.Webex.WebexEventsHandler.EventSource],
            Enums(schemas["MeetingEvent"]!["properties"]!["source"]!));
    }

    [Fact]
    public void The_export_describes_the_apps_CSV_columns()
    {
        var csv = Find("/api/meetings/export", "get")!.Responses!["200"].Content!["text/csv"].Schema!.Description;

        Assert.Contains($"`{string.Join(',', MeetingLinks.Operations.MeetingsCsv.Columns)}`", csv, StringComparison.Ordinal);
    }

    private static OpenApiOperation? Find(string path, string method)
        => Document.Paths.TryGetValue(path, out var item) && item.Operations is { } operations
            && operations.TryGetValue(new HttpMethod(method.ToUpperInvariant()), out var operation) ? operation : null;

    /// <summary>The security alternatives an operation must list: the function's role, or none; receipts check their own.</summary>
    private static List<string> ExpectedSecurity(AppOperation served) => served.Function switch
    {
        { Name: "DeliveryReceipt" } when served.Method == "post" => ["hubSignature", "flowKey"],
        { Role: ApiRole.Flow } => ["flowKey"],
        { Role: ApiRole.Ops } => ["opsKey"],
        _ => [],
    };

    /// <summary>The problem codes each error status of an operation may answer, read from its schema.</summary>
    private static Dictionary<string, List<string>> ProblemCodes(string path, string method)
    {
        var responses = ServedDescription.Json["paths"]![path]![method]!["responses"]!.AsObject();
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (status, value) in responses)
        {
            var response = value!["$ref"]?.GetValue<string>() is { } reference
                ? ServedDescription.Json["components"]!["responses"]![reference.Split('/')[^1]]!
                : value;
            if (response["content"]?["application/problem+json"]?["schema"] is not { } schema)
            {
                Assert.False(status.StartsWith('4') || (status.StartsWith('5') && path != "/api/health"),
                    $"{method.ToUpperInvariant()} {path} {status} is not a problem");
                continue;
            }

            Assert.Equal("#/components/schemas/Problem", schema["allOf"]?[0]?["$ref"]?.GetValue<string>());
            Assert.Equal([int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)],
                schema["properties"]!["status"]!["enum"]!.AsArray().Select(s => s!.GetValue<int>()));
            result[status] = Enums(schema["properties"]!["code"]!);
        }

        return result;
    }

    private static List<string> Enums(JsonNode schema) => [.. schema["enum"]!.AsArray().Select(v => v!.GetValue<string>())];

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"^\| [45][0-9]{2} \| (?<codes>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex ErrorRow();
}
