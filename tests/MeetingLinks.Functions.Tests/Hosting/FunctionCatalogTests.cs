using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingLinks.Access;
using MeetingLinks.Hosting;

namespace MeetingLinks.Tests.Hosting;

/// <summary>What functions.metadata tells the host about each HTTP function, and the role each needs.</summary>
public partial class FunctionCatalogTests
{
    private static readonly FunctionCatalog Catalog = new(typeof(AppServices).Assembly);

    // Routes that check no key: a probe, the page and its files, the description, and receipts (signed, or a flow key checked inside).
    private static readonly string[] OpenToAnyone = ["Health", "OpsPage", "OpsPageFile", "OpenApiDocument", "DeliveryReceipt", "WebexEvents"];

    [Fact]
    public void The_generated_functions_metadata_lists_every_http_function_anonymous_with_its_route_and_methods()
    {
        var listed = MetadataHttpTriggers();

        Assert.Contains("CreateMeeting", listed.Keys);
        Assert.Equal("meetings", listed["CreateMeeting"].GetProperty("route").GetString());
        Assert.Equal(["post"], listed["CreateMeeting"].GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        Assert.Equal(MeetingLinks.Meetings.MeetingIds.Route, listed["GetMeeting"].GetProperty("route").GetString());
        Assert.All(listed.Values, trigger => Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString()));
    }

    [Fact]
    public void Every_route_parameter_in_functions_metadata_carries_a_constraint()
    {
        var parameters = MetadataHttpTriggers().Values
            .SelectMany(t => RouteParameter().Matches(t.GetProperty("route").GetString()!))
            .Select(m => m.Value)
            .ToList();

        Assert.NotEmpty(parameters);
        Assert.All(parameters, p => Assert.Contains(":", p, StringComparison.Ordinal));
        Assert.Contains(parameters, p => p.StartsWith("{id:regex(", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_http_function_in_functions_metadata_says_which_role_it_needs()
    {
        Assert.Equal(ApiRole.Flow, Catalog.RoleOf("CreateMeeting"));
        Assert.Equal(ApiRole.Ops, Catalog.RoleOf("GetMeeting"));
        Assert.Equal(ApiRole.Ops, Catalog.RoleOf("NotifyExpert"));
        Assert.Null(Catalog.RoleOf("Health"));
        Assert.Null(Catalog.RoleOf("DeliveryReceipt"));
        Assert.Null(Catalog.RoleOf("NoSuchFunction"));
        Assert.All(MetadataHttpTriggers().Keys, name => Assert.True(
            Catalog.RoleOf(name) is not null || OpenToAnyone.Contains(name), $"{name} names no role and is not one of the open routes"));
    }

    private static Dictionary<string, JsonElement> MetadataHttpTriggers()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        return metadata.RootElement.EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: f.GetProperty("bindings")[0].Clone()))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger")
            .ToDictionary(f => f.Name, f => f.Trigger);
    }

    [GeneratedRegex(@"\{[^{}]*(\{\{[^{}]*\}\}[^{}]*)*\}")]
    private static partial Regex RouteParameter();
}
