using Microsoft.Playwright;

namespace Auth.Browser.Tests.Browser;

/// <summary>Full-page screenshots in the test's work directory (never committed), for a person to look at.</summary>
public static class Screenshot
{
    public static async Task<string> TakeAsync(IPage page, string name, string description)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, description);
        return file;
    }
}
