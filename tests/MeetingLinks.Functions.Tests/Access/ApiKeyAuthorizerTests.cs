using MeetingLinks.Access;
using MeetingLinks.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Tests.Access;

public class ApiKeyAuthorizerTests
{
    private static ApiKeyAuthorizer Authorizer(string? flow, string? ops, HostingMode mode = HostingMode.FunctionsHost)
        => new(Options.Create(new AccessOptions { FlowKeys = flow, OpsKeys = ops }), mode);

    private static HttpRequest RequestWithKey(string? key)
    {
        var context = new DefaultHttpContext();
        if (key is not null)
        {
            context.Request.Headers[ApiKeyAuthorizer.HeaderName] = key;
        }

        return context.Request;
    }

    [Fact]
    public void Any_of_several_keys_of_the_role_is_accepted_so_keys_can_rotate()
    {
        var authorizer = Authorizer("old-flow; new-flow", "ops-1");

        Assert.Null(authorizer.Authorize(RequestWithKey("old-flow"), ApiRole.Flow));
        Assert.Null(authorizer.Authorize(RequestWithKey("new-flow"), ApiRole.Flow));
        Assert.Null(authorizer.Authorize(RequestWithKey("ops-1"), ApiRole.Ops));
    }

    [Fact]
    public void Missing_or_unknown_key_is_401()
    {
        var authorizer = Authorizer("flow-1", "ops-1");

        Assert.Equal(401, authorizer.Authorize(RequestWithKey(null), ApiRole.Flow)!.StatusCode);
        Assert.Equal(401, authorizer.Authorize(RequestWithKey("nope"), ApiRole.Flow)!.StatusCode);
        Assert.Equal(401, authorizer.Authorize(RequestWithKey(new string('x', 5000)), ApiRole.Flow)!.StatusCode);
    }

    [Fact]
    public void Key_of_the_other_role_is_403()
    {
        var authorizer = Authorizer("flow-1", "ops-1");

        var flowReading = authorizer.Authorize(RequestWithKey("flow-1"), ApiRole.Ops);
        var opsCreating = authorizer.Authorize(RequestWithKey("ops-1"), ApiRole.Flow);

        Assert.Equal(403, flowReading!.StatusCode);
        Assert.Equal("forbidden", flowReading.Problem.Code);
        Assert.Equal(403, opsCreating!.StatusCode);
    }

    [Fact]
    public void Keys_are_compared_exactly()
    {
        var authorizer = Authorizer("flow-1", "ops-1");

        Assert.NotNull(authorizer.Authorize(RequestWithKey("FLOW-1"), ApiRole.Flow));
        Assert.NotNull(authorizer.Authorize(RequestWithKey("flow-1 "), ApiRole.Flow));
        Assert.NotNull(authorizer.Authorize(RequestWithKey("flow-"), ApiRole.Flow));
    }

    [Fact]
    public void Without_keys_under_the_Functions_host_everything_is_refused()
    {
        var authorizer = Authorizer(null, null);

        Assert.Equal(401, authorizer.Authorize(RequestWithKey(AccessOptions.DevelopmentFlowKey), ApiRole.Flow)!.StatusCode);
        Assert.Equal(401, authorizer.Authorize(RequestWithKey(""), ApiRole.Flow)!.StatusCode);
        Assert.False(authorizer.UsesDevelopmentKeys);
    }

    [Fact]
    public void Local_run_without_any_key_accepts_the_development_keys()
    {
        var authorizer = Authorizer(null, "", HostingMode.LocalRun);

        Assert.True(authorizer.UsesDevelopmentKeys);
        Assert.Null(authorizer.Authorize(RequestWithKey(AccessOptions.DevelopmentFlowKey), ApiRole.Flow));
        Assert.Null(authorizer.Authorize(RequestWithKey(AccessOptions.DevelopmentOpsKey), ApiRole.Ops));
        Assert.Equal(403, authorizer.Authorize(RequestWithKey(AccessOptions.DevelopmentFlowKey), ApiRole.Ops)!.StatusCode);
    }

    [Fact]
    public void Local_run_with_any_key_configured_never_accepts_the_development_keys()
    {
        var authorizer = Authorizer(null, "ops-1", HostingMode.LocalRun);

        Assert.False(authorizer.UsesDevelopmentKeys);
        Assert.Equal(401, authorizer.Authorize(RequestWithKey(AccessOptions.DevelopmentFlowKey), ApiRole.Flow)!.StatusCode);
        Assert.Equal(401, authorizer.Authorize(RequestWithKey(AccessOptions.DevelopmentOpsKey), ApiRole.Ops)!.StatusCode);
    }
}
