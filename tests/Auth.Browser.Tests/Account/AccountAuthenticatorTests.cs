using Auth.Api.Tests.Hosting;
using Auth.Application.Users;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.Account;

/// <summary>
/// The rest of the account page in Chromium (issue #17): a person sets up an authenticator from it (QR code and key,
/// then a code), signs in with it, and removes it with a current code; a provisioned person without a password follows
/// a one-time set-password link, which then no longer works.
/// </summary>
public sealed class AccountAuthenticatorTests(StoreKind store) : BrowserTest(store)
{
    private const string Password = "account-authenticator-1";

    [Test]
    public async Task A_person_sets_up_an_authenticator_signs_in_with_it_and_removes_it()
    {
        var user = await CreateUserAsync("totp", Password);

        await Page.OpenAsync(new Uri(Server.BaseAddress, "/account").AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        var secret = (await Page.Locator("#secret").TextContentAsync())!.Trim();
        await Page.GetByLabel("Authentication code", new() { Exact = true }).FillAsync(Code(secret));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Authenticator ready" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Expect(Page.GetByText("An authenticator app is set up")).ToBeVisibleAsync();

        // The next sign-in asks for a code.
        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        await Page.Context.ClearCookiesAsync();
        await Page.OpenAsync(new Uri(Server.BaseAddress, "/account").AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        var secondFactor = new SecondFactorPage(Page);
        await secondFactor.WaitUntilShownAsync(Server.BaseAddress);
        await secondFactor.VerifyAsync(Code(secret));
        await Expect(Page.GetByTestId("user-name")).ToHaveTextAsync(user);

        // Removal needs a current code, and ends the session.
        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        await Page.GetByLabel("Code from your authenticator app").FillAsync("000000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove the authenticator" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Page.GetByLabel("Code from your authenticator app").FillAsync(Code(secret));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove the authenticator" }).ClickAsync();
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_set_password_link_works_once()
    {
        var user = "provisioned-" + Guid.NewGuid().ToString("N")[..10];
        string link;
        using (var scope = Server.Services.CreateScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            Assert.That((await sender.Send(new RegisterUser(new UserDefinition { UserName = user, Email = user + "@example.com" }))).Succeeded, Is.True);
            var created = await sender.Send(new CreatePasswordSetupLink(user));
            Assert.That(created.Succeeded, Is.True, created.Error?.Description);
            link = Auth.Api.SignIn.PasswordSetupLinkUrl.For(Server.BaseAddress, created.Value!.Token);
        }

        await Page.OpenAsync(link);
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync(Password);
        await Page.GetByLabel("New password again", new() { Exact = true }).FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

        await Page.OpenAsync(link);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("New password", new() { Exact = true })).ToHaveCountAsync(0);

        await Page.OpenAsync(new Uri(Server.BaseAddress, "/account").AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        await Expect(Page.GetByTestId("user-name")).ToHaveTextAsync(user);
    }

    [Test]
    public async Task A_person_withdraws_the_access_they_allowed_a_third_party_application()
    {
        var user = await CreateUserAsync("consent", Password);
        var clientId = "partner-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = Server.Services.CreateScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Auth.Application.Clients.RegisterClient(new Auth.Application.Clients.ClientDefinition
            {
                ClientId = clientId,
                DisplayName = "Partner portal",
                GrantTypes = ["authorization_code"],
                Scopes = ["openid", "profile"],
                RedirectUris = [Seed.Callback.AbsoluteUri],
                FirstParty = false,
            }));
            Assert.That(registered.Succeeded, Is.True, registered.Error?.Description);
        }

        await using var callback = await CallbackApp.StartAsync(Seed.Callback);
        var pkce = Pkce.Create();
        await Page.OpenAsync(new Uri(Server.BaseAddress, UserFlowTest.AuthorizeUrl(clientId, Seed.Callback.AbsoluteUri, "openid profile", pkce)).AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Page.WaitForAddressAsync(url => url.StartsWith(Seed.Callback.AbsoluteUri, StringComparison.Ordinal));

        await Page.OpenAsync(new Uri(Server.BaseAddress, "/account").AbsoluteUri);
        await Expect(Page.GetByTestId("consents")).ToContainTextAsync(clientId);
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Withdraw access of {clientId}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"You no longer allow {clientId}");
        await Expect(Page.GetByTestId("consents")).Not.ToContainTextAsync(clientId);

        // The application asks again.
        await Page.OpenAsync(new Uri(Server.BaseAddress, UserFlowTest.AuthorizeUrl(clientId, Seed.Callback.AbsoluteUri, "openid profile", Pkce.Create())).AbsoluteUri);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Allow" })).ToBeVisibleAsync();
    }

    private string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Server.Clock.GetUtcNow().UtcDateTime);
}
