using MeetingLinks.Access;
using MeetingLinks.Outcomes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Tests.Access;

public class ApiKeyAuthorizerTests
{
    private static ApiKeyAuthorizer Authorizer(string? flow, string? ops)
        => new(Options.Create(new AccessOptions { FlowKeys = flow, OpsKeys = ops }));

    private static HttpRequest RequestWithKey(string? key)
    {
        var context = new DefaultHttpContext();
        if (key is not null)
        {
            context.Request.Headers[ApiKeyAuthorizer.HeaderName] = key;
        }

        return context.Request;
    }

    private static int StatusOf(Outcome<ApiRole> outcome) => (int)outcome.Failure!.Kind;

    [Fact]
    public void Any_of_several_keys_of_the_role_is_accepted_so_keys_can_rotate()
    {
        var authorizer = Authorizer("old-flow; new-flow", "ops-1");

        Assert.True(authorizer.Authorize(RequestWithKey("old-flow"), ApiRole.Flow).Succeeded);
        Assert.True(authorizer.Authorize(RequestWithKey("new-flow"), ApiRole.Flow).Succeeded);
        Assert.Equal(ApiRole.Ops, authorizer.Authorize(RequestWithKey("ops-1"), ApiRole.Ops).Value);
    }

    [Fact]
    public void Missing_or_unknown_key_is_401()
    {
        var authorizer = Authorizer("flow-1", "ops-1");

        Assert.Equal(401, StatusOf(authorizer.Authorize(RequestWithKey(null), ApiRole.Flow)));
        Assert.Equal(401, StatusOf(authorizer.Authorize(RequestWithKey("nope"), ApiRole.Flow)));
        Assert.Equal(401, StatusOf(authorizer.Authorize(RequestWithKey(new string('x', 5000)), ApiRole.Flow)));
    }

    [Fact]
    public void Key_of_the_other_role_is_403()
    {
        var authorizer = Authorizer("flow-1", "ops-1");

        var flowReading = authorizer.Authorize(RequestWithKey("flow-1"), ApiRole.Ops);
        var opsCreating = authorizer.Authorize(RequestWithKey("ops-1"), ApiRole.Flow);

        Assert.Equal(403, StatusOf(flowReading));
        Assert.Equal("forbidden", flowReading.Failure!.Code);
        Assert.Equal(403, StatusOf(opsCreating));
    }

    [Fact]
    public void Keys_are_compared_exactly()
    {
        var authorizer = Authorizer("flow-1", "ops-1");

        Assert.False(authorizer.Authorize(RequestWithKey("FLOW-1"), ApiRole.Flow).Succeeded);
        Assert.False(authorizer.Authorize(RequestWithKey("flow-1 "), ApiRole.Flow).Succeeded);
        Assert.False(authorizer.Authorize(RequestWithKey("flow-"), ApiRole.Flow).Succeeded);
    }

    [Fact]
    public void Without_keys_everything_is_refused_and_the_app_knows_no_development_keys()
    {
        var authorizer = Authorizer(null, null);

        Assert.Equal(401, StatusOf(authorizer.Authorize(RequestWithKey("dev-flow-key"), ApiRole.Flow)));
        Assert.Equal(401, StatusOf(authorizer.Authorize(RequestWithKey("dev-ops-key"), ApiRole.Ops)));
        Assert.Equal(401, StatusOf(authorizer.Authorize(RequestWithKey(""), ApiRole.Flow)));
        Assert.False(authorizer.HasKeys(ApiRole.Flow));
        Assert.False(authorizer.HasKeys(ApiRole.Ops));
    }
}
