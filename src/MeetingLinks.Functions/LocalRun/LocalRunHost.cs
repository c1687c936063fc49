using MeetingLinks.Hosting;
using MeetingLinks.Http;
using MeetingLinks.Outcomes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.LocalRun;

/// <summary>
/// The app without Core Tools: <c>dotnet run</c> serves the same function classes on
/// <c>http://localhost:7071/api/...</c> (the route prefix from <c>host.json</c>) with the same
/// guard around each function, using the sandbox broker and Azurite out of the box.
/// </summary>
public static class LocalRunHost
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>Builds the app, serves until Ctrl+C, then stops it (and the Azurite it started).</summary>
    public static async Task RunAsync(string[] args)
    {
        await using var app = Build(args);
        await StartAsync(app);
        await app.WaitForShutdownAsync();
    }

    /// <summary>
    /// Starts the app. An address that another program holds (often a second <c>dotnet run</c>) is a
    /// start-up error saying what to do, not a stack trace; disposing the app then stops what had started.
    /// </summary>
    public static async Task StartAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            throw new LocalRunStartupException(
                $"{ex.Message.TrimEnd('.')}: another program, perhaps another local run, listens there. " +
                "Stop it, or listen elsewhere with --urls (for example --urls http://localhost:7072).",
                ex);
        }
    }

    /// <param name="configure">Last changes before the app is built; tests swap the server or services here.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // As under Core Tools: local.settings.json Values, then environment variables, then the command line.
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddInMemoryCollection(LocalSettings.Read(Path.Combine(AppContext.BaseDirectory, "local.settings.json")))
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddEnvironmentVariables()
            .AddCommandLine(args);

        // Defaults below every other source: the Core Tools port, and sandbox links that point at
        // this app's own sandbox page.
        var urls = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : DefaultUrl;
        var routePrefix = HostJson.RoutePrefix(AppContext.BaseDirectory);
        var prefixPath = routePrefix.Length == 0 ? string.Empty : "/" + routePrefix;
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["urls"] = DefaultUrl,
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
                ["Logging:LogLevel:Polly"] = "Warning",

                // A failed start is reported once, as one line, by Program; not again with a stack trace.
                ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
                ["Sandbox:VisitBaseUrl"] = PublicBaseUrl(urls) + prefixPath + "/sandbox/visit/",
            },
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        builder.Services.AddMeetingLinks(HostingMode.LocalRun);
        builder.Services.AddLocalRun();
        configure?.Invoke(builder);

        var app = builder.Build();

        // A path no function serves, or a method it does not take, is a 404 as under the Functions host
        // (which answers those itself, with an empty body); here it comes with a problem body. "{*path}" takes
        // file-like paths too (ops/index.html), which MapFallback's default pattern leaves to a bare 404.
        app.MapFallback("{*path}", context => Failure.NotFound("There is no such route; routes are listed in the README.").ToProblem().ExecuteAsync(context));
        app.MapFunctions(app.Services.GetRequiredService<FunctionCatalog>(), routePrefix);
        return app;
    }

    /// <summary>The first listening URL as a browser on this machine reaches it.</summary>
    internal static string PublicBaseUrl(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? DefaultUrl;
        first = first.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return first.TrimEnd('/');
    }
}
