using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingLinks.Access;
using MeetingLinks.Hosting;
using MeetingLinks.LocalRun;

namespace MeetingLinks.Tests.LocalRun;

/// <summary>The local run serves exactly what the Functions host would: the same functions, routes and methods.</summary>
public partial class FunctionCatalogTests
{
    private static readonly FunctionCatalog Catalog = new(typeof(LocalRunHost).Assembly);

    [Fact]
    public void The_generated_functions_metadata_lists_every_http_function_with_its_route_and_methods()
    {
        var listed = MetadataHttpTriggers();

        Assert.Equal(Catalog.Functions.Select(f => f.Name).Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        foreach (var function in Catalog.Functions)
        {
            var trigger = listed[function.Name];
            Assert.Equal(function.Route, trigger.GetProperty("route").GetString());
            Assert.Equal(function.Methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()));
            Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        }
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
    public void Every_function_can_be_bound_by_the_local_run_and_says_which_role_it_needs()
    {
        Assert.Contains(Catalog.Functions, f => f is { Name: "CreateMeeting", Route: "meetings", Role: ApiRole.Flow } && f.Methods.SequenceEqual(["POST"]));
        Assert.Contains(Catalog.Functions, f => f is { Name: "GetMeeting", Role: ApiRole.Ops } && f.Route == MeetingLinks.Meetings.MeetingIds.Route);
        Assert.Contains(Catalog.Functions, f => f is { Name: "Health", Route: "health", Role: null });
        Assert.Contains(Catalog.Functions, f => f is { Name: "DeliveryReceipt", Role: null });
        foreach (var function in Catalog.Functions)
        {
            Assert.NotNull(FunctionInvoker.Create(function));
        }
    }

    [Theory]
    [InlineData("", "/meetings")]
    [InlineData("api", "/api/meetings")]
    [InlineData("v2/api", "/v2/api/meetings")]
    public void The_local_run_puts_routes_under_the_route_prefix(string prefix, string expected)
    {
        Assert.Equal(expected, FunctionEndpointMapper.RouteOf(prefix, Catalog.Find("CreateMeeting")!));
    }

    [Fact]
    public void The_route_prefix_is_read_from_host_json()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            Assert.Equal("api", HostJson.RoutePrefix(folder.FullName));
            File.WriteAllText(Path.Combine(folder.FullName, "host.json"), """{ "version": "2.0", "extensions": { "http": { "routePrefix": "/custom/" } } }""");
            Assert.Equal("custom", HostJson.RoutePrefix(folder.FullName));
            File.WriteAllText(Path.Combine(folder.FullName, "host.json"), """{ "extensions": { "http": { "routePrefix": "" } } }""");
            Assert.Equal("", HostJson.RoutePrefix(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_app_serves_under_the_prefix_its_own_host_json_names()
    {
        Assert.Equal("api", HostJson.RoutePrefix(AppContext.BaseDirectory));
    }

    [Theory]
    [InlineData("http://localhost:7071", "http://localhost:7071")]
    [InlineData("http://+:8080/", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:7071;http://127.0.0.1:7072", "http://localhost:7071")]
    public void Sandbox_links_use_an_address_a_browser_on_this_machine_reaches(string urls, string expected)
    {
        Assert.Equal(expected, LocalRunHost.PublicBaseUrl(urls));
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
