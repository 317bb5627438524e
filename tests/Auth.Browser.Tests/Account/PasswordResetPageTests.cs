using Auth.Api.Tests.Hosting;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.Account;

/// <summary>
/// "Forgot your password?" in Chromium: from the sign-in page to the mail a real SMTP server received
/// (<see cref="TestSmtpSink"/>), through its link to a new password that signs in; labelled forms, no
/// Content-Security-Policy violation on the way.
/// </summary>
public sealed class PasswordResetPageTests(StoreKind store) : BrowserTest(store)
{
    private const string Forgotten = "forgotten-password-1";
    private const string Chosen = "chosen-after-the-mail-2";

    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings.Concat(TestSmtpSink.Shared.Settings())) { ["SignIn:PasswordReset"] = "true" };

    [Test]
    public async Task A_person_who_forgot_their_password_gets_a_link_by_mail_chooses_a_new_one_and_signs_in()
    {
        var violations = new PolicyViolations();
        violations.Watch(Page);
        var user = await CreateUserAsync("forgetful", Forgotten, emailVerified: true);

        await Page.OpenAsync(new Uri(Server.BaseAddress, "/account").AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Page.GetByLabel("User name or e-mail address").FillAsync(user + "@example.com");
        await Page.GetByRole(AriaRole.Button, new() { Name = "E-mail me a link" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Check your e-mail", Level = 1 })).ToBeVisibleAsync();

        var link = (await TestSmtpSink.Shared.MessagesToAsync(user + "@example.com", 1))[0].SetPasswordLink();
        await Page.OpenAsync(link);
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync(Chosen);
        await Page.GetByLabel("New password again", new() { Exact = true }).FillAsync(Chosen);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("You can now sign in as " + user);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await LoginPage.SignInAsync(user, Chosen);
        await Page.OpenAsync(new Uri(Server.BaseAddress, "/account").AbsoluteUri);
        await Expect(Page.GetByTestId("user-name")).ToHaveTextAsync(user);
        Assert.That(violations.Reported, Is.Empty, string.Join(Environment.NewLine, violations.Reported));
    }
}
