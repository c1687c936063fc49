using MeetingLinks.DevHost.Hosting;
using MeetingLinks.DevHost.Hosting.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingLinks.Tests.DevHost;

/// <summary>The development host routes as the Functions host does, not as ASP.NET Core would.</summary>
public class HttpRouteTableTests
{
    private static readonly IInlineConstraintResolver Constraints =
        new ServiceCollection().AddRouting().BuildServiceProvider().GetRequiredService<IInlineConstraintResolver>();

    private const string MeetingId = "01JD0000000000000000000000";

    [Fact]
    public void An_unconstrained_parameter_of_a_function_named_first_captures_a_literal_route()
    {
        // "GetMeeting" sorts before "MeetingsExport": the host tries meetings/{id} first, and it matches.
        var routes = Table("api", Http("MeetingsExport", "meetings/export", "get"), Http("GetMeeting", "meetings/{id}", "get"));

        var match = routes.Match("GET", "/api/meetings/export");

        Assert.Equal("GetMeeting", match?.Function.Name);
        Assert.Equal("export", match?.RouteValues["id"]);
    }

    [Theory]
    [InlineData("meetings/{id:length(26)}")]
    [InlineData("meetings/{id:regex(^[0-9A-Z]{{26}}$)}")]
    public void A_constrained_parameter_lets_the_literal_route_through(string constrained)
    {
        var routes = Table("api", Http("MeetingsExport", "meetings/export", "get"), Http("GetMeeting", constrained, "get"));

        Assert.Equal("MeetingsExport", routes.Match("GET", "/api/meetings/export")?.Function.Name);
        var meeting = routes.Match("GET", "/api/meetings/" + MeetingId);
        Assert.Equal("GetMeeting", meeting?.Function.Name);
        Assert.Equal(MeetingId, meeting?.RouteValues["id"]);
    }

    [Fact]
    public void The_apps_own_meeting_route_lets_the_literal_routes_beside_it_through()
    {
        // "GetMeeting" sorts before "SummarizeDay": only the id's shape keeps meetings/{id} from taking "summary".
        var routes = Table("api",
            Http("ExportMeetings", "meetings/export", "get"), Http("GetMeeting", MeetingLinks.Meetings.MeetingIds.Route, "get"), Http("SummarizeDay", "meetings/summary", "get"));

        Assert.Equal("SummarizeDay", routes.Match("GET", "/api/meetings/summary")?.Function.Name);
        Assert.Equal("ExportMeetings", routes.Match("GET", "/api/meetings/export")?.Function.Name);
        Assert.Equal("GetMeeting", routes.Match("GET", "/api/meetings/20261125-51422012-dkjgpe65")?.Function.Name);
    }

    [Fact]
    public void Methods_are_honoured_and_a_function_without_methods_takes_any()
    {
        var routes = Table("api", Http("CreateMeeting", "meetings", "post"), Http("ListMeetings", "meetings", "get"), Http("Anything", "any"));

        Assert.Equal("CreateMeeting", routes.Match("POST", "/api/meetings")?.Function.Name);
        Assert.Equal("ListMeetings", routes.Match("get", "/api/meetings")?.Function.Name);
        Assert.Null(routes.Match("DELETE", "/api/meetings"));
        Assert.Equal("Anything", routes.Match("PATCH", "/api/any")?.Function.Name);
    }

    [Fact]
    public void The_route_prefix_is_honoured_and_may_be_empty()
    {
        LoadedFunction[] functions = [Http("Health", "health", "get")];

        Assert.NotNull(Table("api", functions).Match("GET", "/api/health"));
        Assert.Null(Table("api", functions).Match("GET", "/health"));
        Assert.NotNull(Table("v1", functions).Match("GET", "/v1/health"));
        Assert.NotNull(Table("", functions).Match("GET", "/health"));
        Assert.Null(Table("", functions).Match("GET", "/api/health"));
    }

    [Fact]
    public void Functions_without_an_http_trigger_are_not_routed()
    {
        var routes = Table("api", new LoadedFunction("PurgeExpiredRecords", "1", "timerTrigger", "timer", null, [], "0 30 3 * * *"));

        Assert.Null(routes.Match("GET", "/api/PurgeExpiredRecords"));
    }

    private static HttpRouteTable Table(string prefix, params LoadedFunction[] functions) => new(functions, prefix, Constraints);

    private static LoadedFunction Http(string name, string route, params string[] methods)
        => new(name, Guid.NewGuid().ToString(), "httpTrigger", "request", route, methods, null);
}
