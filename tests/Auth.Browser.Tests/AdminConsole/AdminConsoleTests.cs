using Auth.Api.Tests.Hosting;
using Auth.Application.Users;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Auth.Domain.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.AdminConsole;

/// <summary>
/// The admin console in Chromium (issue #17): an administrator signs in with a code, creates a client, gives it a new
/// secret, disables a user and finds both in the audit log, with no Content-Security-Policy violation; someone
/// without the role gets the 403 page; the pages fit a phone's width.
/// </summary>
public sealed class AdminConsoleTests(StoreKind store) : BrowserTest(store)
{
    private const string Password = "console-page-password-1";

    [Test]
    public async Task An_administrator_creates_a_client_rotates_its_secret_disables_a_user_and_reads_the_audit_log()
    {
        var violations = new PolicyViolations();
        violations.Watch(Page);
        var admin = await CreateUserAsync("admin", Password);
        await GrantAdministratorAsync(admin);
        var secret = await Authenticator.EnrolAsync(Server, admin);
        var user = await CreateUserAsync("staff", Password);
        var clientId = "console-" + Guid.NewGuid().ToString("N")[..8];

        await SignInWithCodeAsync("/admin", admin, secret);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("console-user")).ToHaveTextAsync(admin);
        await Keep("console-dashboard", "The admin console's dashboard");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true }).ClickAsync();
        await Page.GetByLabel("Client id", new() { Exact = true }).FillAsync(clientId);
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Reporting job");
        await Page.GetByLabel("client_credentials").CheckAsync();
        await Page.GetByLabel("Scopes (separated by spaces)").FillAsync("openid");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create the client" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"The client {clientId} is created.");
        var firstSecret = await Page.GetByTestId("client-secret").TextContentAsync();
        await Keep("console-clients", "The clients page, a new client's secret shown once");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Open the client" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = clientId, Level = 1 })).ToBeVisibleAsync();
        await Page.GetByLabel("Keep the previous secret working").SelectOptionAsync("3600");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Make a new secret" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("the previous one works until");
        var secondSecret = await Page.GetByTestId("client-secret").TextContentAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        var made = "made-" + Guid.NewGuid().ToString("N")[..8];
        await Page.GetByLabel("User name", new() { Exact = true }).FillAsync(made);
        await Page.GetByLabel("Display name", new() { Exact = true }).FillAsync("Made In The Console");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create the user" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The user is created: give them a password below");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(made);
        await Expect(Page.GetByText("Made In The Console").First).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Page.GetByLabel("User name starts with").FillAsync(user);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = user, Exact = true }).ClickAsync();
        await Page.GetByLabel($"Disable {user}").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Disable (ends sessions and tokens)" }).ClickAsync();
        await Expect(Page.GetByTestId("user-state")).ToHaveTextAsync("disabled");
        await Keep("console-user", "A user in the console, just disabled");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Audit log", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
        var audit = Page.GetByTestId("audit");
        await Expect(audit).ToContainTextAsync("user.deactivated");
        await Expect(audit).ToContainTextAsync("client.secret_rotated");
        await Expect(audit).ToContainTextAsync("client.registered");
        await Expect(audit).ToContainTextAsync("user.registered");
        await Page.GetByLabel("Event", new() { Exact = true }).SelectOptionAsync("client.secret_rotated");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(audit.Locator("tbody tr").First).ToContainTextAsync(clientId);
        await Expect(audit).Not.ToContainTextAsync("user.deactivated");
        await Keep("console-audit", "The audit log, filtered");

        Assert.Multiple(() =>
        {
            Assert.That(firstSecret, Is.Not.Empty.And.Not.EqualTo(secondSecret));
            Assert.That(violations.Reported, Is.Empty, string.Join(Environment.NewLine, violations.Reported));
        });
    }

    [Test]
    public async Task Someone_without_the_role_gets_the_refusal_page()
    {
        var user = await CreateUserAsync("staff", Password);

        await Page.OpenAsync(new Uri(Server.BaseAddress, "/admin/clients").AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("may not use the admin console");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true })).ToHaveCountAsync(0);
    }

    [Test]
    public async Task The_console_fits_a_phones_width()
    {
        await ReopenPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var admin = await CreateUserAsync("admin", Password);
        await GrantAdministratorAsync(admin);
        var secret = await Authenticator.EnrolAsync(Server, admin);

        await SignInWithCodeAsync("/admin/users", admin, secret);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        var overflow = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        await Keep("console-phone", "The console's users page at a phone's width");

        Assert.That(overflow, Is.LessThanOrEqualTo(0), "nothing wider than the screen: tables scroll inside their box");
    }

    [Test]
    public async Task An_administrator_registers_an_identity_provider_and_removes_it_at_a_phones_width()
    {
        await ReopenPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var violations = new PolicyViolations();
        violations.Watch(Page);
        var admin = await CreateUserAsync("admin", Password);
        await GrantAdministratorAsync(admin);
        var secret = await Authenticator.EnrolAsync(Server, admin);
        var id = "chromium-" + Guid.NewGuid().ToString("N")[..8];

        await SignInWithCodeAsync("/admin/identity-providers", admin, secret);
        await Page.GetByLabel("Id (in its paths", new() { Exact = false }).FillAsync(id);
        await Page.GetByLabel("Name on the sign-in button").FillAsync("Chromium Upstream");
        await Page.GetByLabel("Kind").SelectOptionAsync("okta");
        await Page.GetByLabel("Issuer (its discovery document").FillAsync($"https://{id}.okta.example");
        await Page.GetByLabel("Client id of this service there").FillAsync("auth-service");
        await Page.GetByLabel("Client secret (stored encrypted, never shown)").FillAsync("chromium-upstream-secret-1");
        await Page.GetByLabel("By user name").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register the provider" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"The identity provider {id} is registered");
        await Expect(Page.GetByTestId("identity-providers")).ToContainTextAsync("Chromium Upstream");
        var overflow = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");

        await Page.GetByLabel($"Remove {id} (ends its sessions)").CheckAsync();
        await Page.GetByRole(AriaRole.Row).Filter(new() { HasText = id }).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"The identity provider {id} is removed");

        Assert.Multiple(() =>
        {
            Assert.That(overflow, Is.LessThanOrEqualTo(0), "nothing wider than the screen: the table scrolls inside its box");
            Assert.That(violations.Reported, Is.Empty, string.Join(Environment.NewLine, violations.Reported));
        });
    }

    /// <summary>Opens a console page, signs in with the password and then a code from the authenticator.</summary>
    private async Task SignInWithCodeAsync(string path, string user, string secret)
    {
        await Page.OpenAsync(new Uri(Server.BaseAddress, path).AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        var secondFactor = new SecondFactorPage(Page);
        await secondFactor.WaitUntilShownAsync(Server.BaseAddress);
        await secondFactor.VerifyAsync(Authenticator.Code(Server, secret));
    }

    private async Task GrantAdministratorAsync(string user)
    {
        using var scope = Server.Services.CreateScope();
        var granted = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SetUserRole(user, UserRoles.Administrator, Held: true));
        Assert.That(granted.Succeeded, Is.True, granted.Error?.Description);
    }

    private async Task Keep(string name, string description) =>
        await TestContext.Out.WriteLineAsync($"{description}: {await Screenshot.TakeAsync(Page, ArtifactName(name), description)}");
}
