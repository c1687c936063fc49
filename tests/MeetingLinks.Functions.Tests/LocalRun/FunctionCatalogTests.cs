using System.Text.Json;
using MeetingLinks.LocalRun;

namespace MeetingLinks.Tests.LocalRun;

/// <summary>The local run serves exactly what the Functions host would: the same functions, routes and methods.</summary>
public class FunctionCatalogTests
{
    private static readonly IReadOnlyList<HttpFunction> Functions = FunctionEndpointMapper.Discover(typeof(LocalRunHost).Assembly);

    [Fact]
    public void The_generated_functions_metadata_lists_every_http_function_with_its_route_and_methods()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var listed = metadata.RootElement.EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: f.GetProperty("bindings")[0]))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger")
            .ToDictionary(f => f.Name, f => f.Trigger);

        Assert.Equal(Functions.Select(f => f.Name).Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        foreach (var function in Functions)
        {
            var trigger = listed[function.Name];
            Assert.Equal(function.Route, "/api/" + trigger.GetProperty("route").GetString());
            Assert.Equal(function.Methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()));
            Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        }
    }

    [Fact]
    public void Every_function_can_be_bound_by_the_local_run()
    {
        Assert.Contains(Functions, f => f.Name == "CreateMeeting" && f.Route == "/api/meetings" && f.Methods.SequenceEqual(["POST"]));
        Assert.Contains(Functions, f => f.Name == "GetMeeting" && f.Route == "/api/meetings/{id}");
        Assert.Contains(Functions, f => f.Name == "Health" && f.Route == "/api/health");
        foreach (var function in Functions)
        {
            Assert.NotNull(FunctionInvoker.Create(function.Method));
        }
    }

    [Theory]
    [InlineData("http://localhost:7071", "http://localhost:7071")]
    [InlineData("http://+:8080/", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:7071;http://127.0.0.1:7072", "http://localhost:7071")]
    public void Sandbox_links_use_an_address_a_browser_on_this_machine_reaches(string urls, string expected)
    {
        Assert.Equal(expected, LocalRunHost.PublicBaseUrl(urls));
    }
}
