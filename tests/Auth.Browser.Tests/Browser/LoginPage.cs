using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.Browser;

/// <summary>The server's sign-in page, as a person sees it: two labelled fields and a button.</summary>
public sealed class LoginPage(IPage page)
{
    public const string Path = "/account/login";

    public ILocator UserName => page.GetByLabel("Username", new() { Exact = true });

    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });

    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    /// <summary>What the page says when a sign-in is refused.</summary>
    public ILocator Alert => page.GetByRole(AriaRole.Alert);

    /// <summary>Waits until the browser shows the sign-in page, then checks that its form is there.</summary>
    public async Task WaitUntilShownAsync(Uri server)
    {
        await page.WaitForAddressAsync(url => IsLoginUrl(server, url));
        await Expect(UserName).ToBeVisibleAsync();
        await Expect(Password).ToBeVisibleAsync();
        await Expect(SignInButton).ToBeVisibleAsync();
    }

    public async Task SignInAsync(string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
    }

    /// <summary>A full-page screenshot of the sign-in page (<see cref="Screenshot"/>).</summary>
    public Task<string> ScreenshotAsync(string name) => Screenshot.TakeAsync(page, name, "The sign-in page");

    public static bool IsLoginUrl(Uri server, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        uri.Authority == server.Authority &&
        uri.AbsolutePath.Equals(Path, StringComparison.OrdinalIgnoreCase);
}
