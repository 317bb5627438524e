using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.Browser;

/// <summary>The second sign-in step for a user with an authenticator, as a person sees it: one labelled field and a button.</summary>
public sealed class SecondFactorPage(IPage page)
{
    public const string Path = "/account/mfa";

    public ILocator Code => page.GetByLabel("Authentication code", new() { Exact = true });

    public ILocator VerifyButton => page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true });

    /// <summary>What the page says when a code is refused.</summary>
    public ILocator Alert => page.GetByRole(AriaRole.Alert);

    /// <summary>Waits until the browser shows the second step, then checks that its form is there.</summary>
    public async Task WaitUntilShownAsync(Uri server)
    {
        await page.WaitForAddressAsync(url => IsSecondFactorUrl(server, url));
        await Expect(Code).ToBeVisibleAsync();
        await Expect(VerifyButton).ToBeVisibleAsync();
    }

    public async Task VerifyAsync(string code)
    {
        await Code.FillAsync(code);
        await VerifyButton.ClickAsync();
    }

    public Task<string> ScreenshotAsync(string name) => Screenshot.TakeAsync(page, name, "The second sign-in step");

    public static bool IsSecondFactorUrl(Uri server, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        uri.Authority == server.Authority &&
        uri.AbsolutePath.Equals(Path, StringComparison.OrdinalIgnoreCase);
}
