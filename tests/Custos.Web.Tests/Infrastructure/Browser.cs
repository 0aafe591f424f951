using System.Text.Json;
using Microsoft.Playwright;

namespace Custos.Web.Tests.Infrastructure;

/// <summary>Headless Debian Chromium driven by Playwright, plus axe-core from the web project's npm packages.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    /// <summary>Starts Chromium; outside CI a machine without it skips the test visibly, in CI it fails.</summary>
    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{ChromiumPath} is missing; .ci/run installs Debian's chromium package.");
            }

            Assert.Skip($"Browser tests need Chromium at {ChromiumPath} (apt-get install chromium).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        return new Browser(playwright, browser);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        // CI runs the browser beside two other test processes and PostgreSQL on two cores: allow for slow moments.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        Trace(page, TestContext.Current.TestOutputHelper);
        return page;
    }

    /// <summary>
    /// Writes the page's navigations, form posts, failed requests and script errors to the test's output, which a
    /// failed test prints: a timeout then says where the page was and what the server answered. Paths only: a query
    /// can hold a setup token.
    /// </summary>
    private static void Trace(IPage page, ITestOutputHelper? output)
    {
        if (output is null)
        {
            return;
        }

        void Write(string line)
        {
            try
            {
                output.WriteLine($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {line}");
            }
            catch (InvalidOperationException)
            {
                // The test has ended; nothing reads its output any more.
            }
        }

        static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : "?";
        static bool Worth(IRequest request) => request.IsNavigationRequest || request.Method != "GET";

        // Any request, page or sub-resource, still unanswered after 5 s is named: a page whose load event never comes
        // (a wait for its URL then times out) is waiting for one of them.
        var pending = new System.Collections.Concurrent.ConcurrentDictionary<IRequest, byte>();
        page.Request += (_, request) =>
        {
            if (Worth(request))
            {
                Write($"browser sent {request.Method} {PathOf(request.Url)}");
            }

            pending[request] = 0;
            _ = Task.Delay(5_000).ContinueWith(
                _ =>
                {
                    if (pending.ContainsKey(request))
                    {
                        Write($"still unanswered after 5 s: {request.Method} {PathOf(request.Url)} ({request.ResourceType})");
                    }
                },
                TaskScheduler.Default);
        };
        page.RequestFinished += (_, request) => pending.TryRemove(request, out byte _);
        page.RequestFailed += (_, request) => pending.TryRemove(request, out byte _);
        page.Load += (_, _) => Write("load event");
        page.Response += (_, response) =>
        {
            if (Worth(response.Request))
            {
                Write($"server answered {response.Status} to {response.Request.Method} {PathOf(response.Url)}");
            }
        };
        page.RequestFailed += (_, request) => Write($"request failed: {request.Method} {PathOf(request.Url)}: {request.Failure}");
        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null)
            {
                Write($"page is now at {PathOf(frame.Url)}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Write($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Write($"script error: {error}");
    }

    /// <summary>Runs axe-core (WCAG 2.1 A and AA rules) on the page and returns the serious and critical violations.</summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        var axePath = Path.Combine(RepositoryPaths.WebProject, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axePath))
        {
            throw new InvalidOperationException($"{axePath} is missing: building Custos.Web runs 'npm ci', which installs axe-core.");
        }

        // Evaluated through the DevTools protocol, so the page's strict Content-Security-Policy does not block it.
        await page.EvaluateAsync(await File.ReadAllTextAsync(axePath));
        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations)");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at " +
                string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("target")[0].ToString()).Take(3)))
            .ToList();
    }

    /// <summary>Saves a screenshot next to the test results, for people reviewing a run.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "custos-screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
