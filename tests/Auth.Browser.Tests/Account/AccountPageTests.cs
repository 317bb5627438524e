using Auth.Api.Tests.Hosting;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.Account;

/// <summary>
/// The account page in Chromium (issue #17): a person opens /account, signs in, finds their profile and sessions, and
/// changes their password with the keyboard-usable, labelled form; no Content-Security-Policy violation on the way.
/// </summary>
public sealed class AccountPageTests(StoreKind store) : BrowserTest(store)
{
    private const string Password = "account-page-password-1";
    private const string NewPassword = "account-page-password-2";

    [Test]
    public async Task A_person_signs_in_to_the_account_page_and_changes_their_password()
    {
        var violations = new PolicyViolations();
        violations.Watch(Page);
        var user = await CreateUserAsync("account", Password);

        await Page.OpenAsync(new Uri(Server.BaseAddress, "/account").AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your account", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("user-name")).ToHaveTextAsync(user);
        await Expect(Page.GetByTestId("sessions")).ToContainTextAsync("this browser");
        await TestContext.Out.WriteLineAsync($"Account page: {await Screenshot.TakeAsync(Page, ArtifactName("account-page"), "The account page")}");

        await Page.GetByLabel("Current password", new() { Exact = true }).FillAsync(Password);
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await Page.GetByLabel("New password again", new() { Exact = true }).FillAsync(NewPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");
        Assert.That(violations.Reported, Is.Empty, string.Join(Environment.NewLine, violations.Reported));

        // The new password signs in; the page still shows this browser's session.
        await Page.Context.ClearCookiesAsync();
        await Page.OpenAsync(new Uri(Server.BaseAddress, "/account").AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, NewPassword);
        await Expect(Page.GetByTestId("user-name")).ToHaveTextAsync(user);
    }
}
