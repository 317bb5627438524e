using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.Browser;

/// <summary>The test upstream's sign-in page (tests/upstream/server.js): a login field, a second-factor box, Sign in and Cancel.</summary>
public sealed class UpstreamLoginPage(IPage page)
{
    public ILocator Login => page.GetByTestId("upstream-login");

    public ILocator SecondFactor => page.GetByTestId("upstream-mfa");

    public ILocator SignInButton => page.GetByTestId("upstream-submit");

    public ILocator CancelButton => page.GetByTestId("upstream-cancel");

    /// <summary>Waits until the browser shows the upstream's form at <paramref name="upstream"/>.</summary>
    public async Task WaitUntilShownAsync(Uri upstream)
    {
        await page.WaitForAddressAsync(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
            uri.Authority == upstream.Authority && uri.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal));
        await Expect(Login).ToBeVisibleAsync();
        await Expect(SignInButton).ToBeVisibleAsync();
    }

    /// <summary>Signs in as a person would: types the login, ticks the second-factor box or not, and submits.</summary>
    public async Task SignInAsync(string login, bool secondFactor = false)
    {
        await Login.FillAsync(login);
        if (secondFactor)
        {
            await SecondFactor.CheckAsync();
        }

        await SignInButton.ClickAsync();
    }
}
