using System.Collections.Concurrent;
using MeetingLinks.Tests.Hosts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingLinks.Tests.OpsPage;

/// <summary>
/// The ops page in a fresh browser context, with what an operator does on it and a record of
/// anything that should never happen: dialogs (a script injected through data), console errors
/// (CSP violations included) and uncaught page errors.
/// </summary>
public sealed class OpsPageSession : IAsyncDisposable
{
    // Each wait ends as soon as the page shows what it waits for; the bound only stops a broken test,
    // and is generous because a busy machine (a worker process, Azurite, Chromium on two cores) is slow.
    private const float TimeoutMs = 30_000;

    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _dialogs = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private OpsPageSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.SetDefaultTimeout(TimeoutMs);
        page.Dialog += (_, dialog) =>
        {
            _dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Enqueue(error);
    }

    public IPage Page { get; }

    public IReadOnlyCollection<string> Dialogs => [.. _dialogs];

    public IReadOnlyCollection<string> Errors => [.. _errors];

    public ILocator Message => Page.Locator("#message");

    public ILocator Rows => Page.Locator("#meetings tbody tr");

    /// <summary>Opens the page of <paramref name="app"/>, at its real loopback address.</summary>
    /// <param name="beforeOpening">What to set up on the page before it loads (a fake clock, an init script).</param>
    public static async Task<OpsPageSession> OpenAsync(
        IBrowser browser, AppHost app, int width = 1280, int height = 900, Func<IPage, Task>? beforeOpening = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(app);
        SetDefaultExpectTimeout(TimeoutMs);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        var session = new OpsPageSession(context, await context.NewPageAsync());
        if (beforeOpening is not null)
        {
            await beforeOpening(session.Page);
        }

        await session.Page.GotoAsync(new Uri(app.Client.BaseAddress!, "api/ops").ToString());
        return session;
    }

    public async Task EnterKeyAsync(string key)
    {
        await Page.GetByLabel("Ops key", new() { Exact = true }).FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
    }

    /// <summary>Searches one UTC day (the page's default is today) and waits for the answer.</summary>
    public async Task SearchDayAsync(DateOnly day, string? reference = null, int? pageSize = null)
    {
        await Page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync("day");
        await Page.GetByLabel("Day", new() { Exact = true }).FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("Reference", new() { Exact = true }).FillAsync(reference ?? "");
        if (pageSize is { } size)
        {
            await Page.GetByLabel("Per page", new() { Exact = true }).FillAsync(size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await SearchAsync();
    }

    public async Task SearchAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(Page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
    }

    public ILocator RowWith(string text) => Rows.Filter(new() { HasText = text });

    public async Task<string?> SessionKeyAsync()
        => await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('meetingLinks.opsKey')");

    /// <summary>Saves a screenshot when OPS_PAGE_SCREENSHOTS names a folder; for looking at the page, not for asserting.</summary>
    public async Task ScreenshotIfAskedAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("OPS_PAGE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
