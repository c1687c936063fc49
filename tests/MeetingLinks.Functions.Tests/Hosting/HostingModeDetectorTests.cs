using MeetingLinks.Hosting;

namespace MeetingLinks.Tests.Hosting;

public class HostingModeDetectorTests
{
    [Fact]
    public void Plain_dotnet_run_is_a_local_run()
    {
        Assert.Equal(HostingMode.LocalRun, HostingModeDetector.Detect(["--urls", "http://localhost:5000"], _ => null));
    }

    [Theory]
    [InlineData("--functions-uri")]
    [InlineData("--host")]
    [InlineData("--workerId")]
    public void Worker_arguments_from_the_host_mean_the_Functions_host(string argument)
    {
        Assert.Equal(HostingMode.FunctionsHost, HostingModeDetector.Detect([argument, "x"], _ => null));
    }

    [Theory]
    [InlineData("Functions__Worker__HostEndpoint")]
    [InlineData("AZURE_FUNCTIONS_ENVIRONMENT")]
    [InlineData("WEBSITE_SITE_NAME")]
    public void Host_environment_means_the_Functions_host(string variable)
    {
        Assert.Equal(HostingMode.FunctionsHost, HostingModeDetector.Detect([], name => name == variable ? "set" : null));
    }
}
