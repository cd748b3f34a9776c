using Microsoft.Playwright;

namespace PoQ.Api.Tests.TestSupport;

/// <summary>
/// Debian's <c>/usr/bin/chromium</c>, headless, driven by Playwright (no browser download; ./test.sh installs the
/// package), in a throw-away profile.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly IBrowserContext browser;
    private readonly string profile;

    private HeadlessChromium(IPlaywright playwright, IBrowserContext browser, string profile)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.profile = profile;
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: apt-get install -y chromium (./test.sh does)");
        string profile = Path.Combine(Path.GetTempPath(), "poq-page-test-" + Guid.NewGuid().ToString("N")[..8]);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new HeadlessChromium(playwright, browser, profile);
    }

    public Task<IPage> NewPageAsync() => browser.NewPageAsync();

    /// <summary>Opens <paramref name="hash"/> (a view's route) and waits until the view has loaded.</summary>
    public async Task<IPage> OpenAsync(Uri address, string hash)
    {
        ArgumentNullException.ThrowIfNull(address);
        var page = await NewPageAsync();
        await page.GotoAsync(address + hash);
        await ViewShownAsync(page, hash == "" ? "#/" : hash);
        return page;
    }

    /// <summary>Waits until the page shows the view of <paramref name="hash"/> (the router marks it when loaded).</summary>
    public static Task ViewShownAsync(IPage page, string hash) =>
        Assertions.Expect(page.Locator("#view")).ToHaveAttributeAsync("data-route", hash, new LocatorAssertionsToHaveAttributeOptions { Timeout = ViewTimeoutMs });

    // Generous: a view at 100k tasks loads in well under a second, but CI machines have two busy cores.
    private const float ViewTimeoutMs = 30_000;

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
        if (Directory.Exists(profile))
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
