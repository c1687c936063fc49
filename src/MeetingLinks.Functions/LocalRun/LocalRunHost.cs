using MeetingLinks.Hosting;
using MeetingLinks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.LocalRun;

/// <summary>
/// The app without Core Tools: <c>dotnet run</c> serves the same function classes on
/// <c>http://localhost:7071/api/...</c> with the same key check, using the sandbox broker and
/// Azurite out of the box.
/// </summary>
public static class LocalRunHost
{
    public const string DefaultUrl = "http://localhost:7071";

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
                ["Sandbox:VisitBaseUrl"] = PublicBaseUrl(urls) + "/api/sandbox/visit/",
            },
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        builder.Services.AddMeetingLinks(HostingMode.LocalRun);
        builder.Services.AddOptions<LocalRunOptions>().BindConfiguration(LocalRunOptions.Section);
        builder.Services.AddHostedService<DevelopmentStorage>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<UnhandledErrorMiddleware>();

        // Unknown routes and wrong methods get a problem body too, never an empty 404/405.
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => Problems.NotFound("There is no such route; routes are listed in the README.").ExecuteAsync(context.HttpContext),
            StatusCodes.Status405MethodNotAllowed => Problems.Create(StatusCodes.Status405MethodNotAllowed, "method_not_allowed",
                "Method not allowed", $"{context.HttpContext.Request.Method} is not accepted on this route.").ExecuteAsync(context.HttpContext),
            _ => Task.CompletedTask,
        });
        app.MapFunctions(typeof(LocalRunHost).Assembly);
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
