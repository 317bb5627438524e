using Microsoft.Playwright;

namespace Auth.Browser.Tests.Browser;

/// <summary>
/// Debian's Chromium (package <c>chromium</c>, which build/test.sh installs), driven by Playwright's bundled driver.
/// Playwright's own browser downloads are never used: this machine reaches package registries only.
/// </summary>
public static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The longest any single wait in a browser test may take.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"{ExecutablePath} is missing: install Debian's 'chromium' package (build/test.sh does).");
        }

        // Web-first assertions wait as long as any other wait (Playwright's own default is 5 s, short on a busy machine).
        Assertions.SetDefaultExpectTimeout((float)WaitLimit.TotalMilliseconds);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // Tests run as root, where Chromium's sandbox cannot start.
                Args = ["--no-sandbox"],
                Timeout = (float)WaitLimit.TotalMilliseconds,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh profile (no cookies) whose waits are all bounded.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, BrowserNewContextOptions? options = null)
    {
        var context = await browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        context.SetDefaultTimeout((float)WaitLimit.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)WaitLimit.TotalMilliseconds);
        return await context.NewPageAsync();
    }
}
