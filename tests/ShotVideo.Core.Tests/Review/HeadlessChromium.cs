using Microsoft.Playwright;

namespace ShotVideo.Tests.Review;

/// <summary>
/// The machine's Chromium (Debian's <c>chromium</c> package), headless, driven by Playwright; one browser per test
/// class. Playwright never downloads a browser here: it is pointed at the installed executable.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    // Headless and offline: no sandbox (tests run as root in CI), no GPU, and none of the browser's own calls home.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The browser; <c>SHOTVIDEO_CHROMIUM</c> names another executable than <c>/usr/bin/chromium</c>.</summary>
    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not started.");

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("SHOTVIDEO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The review page tests need Chromium at {ExecutablePath}, and it is not there. Install Debian's package "
                    + "(as root: scripts/ensure-packages.sh chromium, or apt-get install chromium), or set SHOTVIDEO_CHROMIUM "
                    + "to a Chromium executable.");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
