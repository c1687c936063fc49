using Microsoft.Playwright;

namespace MeetingLinks.Tests.OpsPage;

/// <summary>
/// One headless Chromium for a test class: the system's own (Debian's <c>chromium</c> package),
/// never a browser downloaded by Playwright. Set CHROMIUM_PATH to use another binary.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string PathVariable = "CHROMIUM_PATH";
    public const string DefaultPath = "/usr/bin/chromium";

    // No sandbox (CI containers run as root) and no calls home: the test machine has no outside network.
    private static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : DefaultPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No Chromium at {path}. Install it with `apt-get install chromium`, or set {PathVariable} to a Chromium binary.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
