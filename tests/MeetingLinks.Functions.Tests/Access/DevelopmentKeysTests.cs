using MeetingLinks.Access;
using MeetingLinks.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace MeetingLinks.Tests.Access;

/// <summary>When the development keys work: a local run, no key configured, and only loopback addresses. Anything else fails closed.</summary>
public class DevelopmentKeysTests
{
    [Fact]
    public void A_loopback_only_local_run_without_keys_accepts_them()
    {
        Assert.True(DevelopmentKeysAfterStart(HostingMode.LocalRun, keys: null, "http://127.0.0.1:7071", "http://[::1]:7071"));
        Assert.True(DevelopmentKeysAfterStart(HostingMode.LocalRun, keys: null, "http://localhost:7071"));
    }

    [Theory]
    [InlineData("http://0.0.0.0:7071")]
    [InlineData("http://[::]:7071")]
    [InlineData("http://+:7071")]
    [InlineData("http://*:7071")]
    [InlineData("http://192.168.1.20:7071")]
    [InlineData("http://meetings.example.com:7071")]
    public void A_local_run_that_listens_beyond_loopback_refuses_them(string address)
    {
        Assert.False(DevelopmentKeysAfterStart(HostingMode.LocalRun, keys: null, address));
        Assert.False(DevelopmentKeysAfterStart(HostingMode.LocalRun, keys: null, "http://127.0.0.1:7071", address));
    }

    [Fact]
    public void A_local_run_whose_addresses_are_unknown_refuses_them()
    {
        Assert.False(DevelopmentKeysAfterStart(HostingMode.LocalRun, keys: null));
    }

    [Fact]
    public void A_local_run_with_any_key_configured_refuses_them()
    {
        Assert.False(DevelopmentKeysAfterStart(HostingMode.LocalRun, keys: "ops-1", "http://127.0.0.1:7071"));
    }

    [Fact]
    public void The_Functions_host_never_accepts_them_even_on_loopback()
    {
        Assert.False(DevelopmentKeysAfterStart(HostingMode.FunctionsHost, keys: null, "http://127.0.0.1:7071"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.10.0.1:5000/", true)]
    [InlineData("https://LOCALHOST:5001", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://[::ffff:127.0.0.1]:5000", true)]
    [InlineData("http://10.0.0.1:5000", false)]
    [InlineData("http://localhost.example.com:5000", false)]
    public void Loopback_addresses_are_told_apart(string address, bool loopback)
    {
        Assert.Equal(loopback, LoopbackAddresses.IsLoopback(address));
    }

    private static bool DevelopmentKeysAfterStart(HostingMode mode, string? keys, params string[] addresses)
    {
        var feature = new ServerAddressesFeature();
        foreach (var address in addresses)
        {
            feature.Addresses.Add(address);
        }

        var features = new FeatureCollection();
        features.Set<IServerAddressesFeature>(feature);
        var server = Substitute.For<IServer>();
        server.Features.Returns(features);
        var services = new ServiceCollection().AddSingleton(server).BuildServiceProvider();
        var developmentKeys = new DevelopmentKeys();
        var authorizer = new ApiKeyAuthorizer(Options.Create(new AccessOptions { OpsKeys = keys }), developmentKeys);

        new AccessStartupReport(mode, authorizer, developmentKeys, services, Substitute.For<IHostApplicationLifetime>(),
            NullLogger<AccessStartupReport>.Instance).Report();

        return authorizer.UsesDevelopmentKeys;
    }
}
