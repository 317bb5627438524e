using System.Net;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;
using Auth.Application.Scopes;
using Auth.Application.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>
/// What an administrator does in the console (issue #17), through its forms: create a client and get its secret once,
/// rotate it (the old one refused after the overlap), disable a user (their session and token end), find it all in the
/// audit log under their own user id; every form refused without its antiforgery token; bad input a 4xx page.
/// </summary>
public sealed partial class ConsoleActionTests(StoreKind store) : ConsoleTest(store)
{
    [Test]
    public async Task An_administrator_creates_a_client_rotates_its_secret_disables_a_user_and_finds_it_in_the_audit_log()
    {
        using var admin = await EnterConsoleAsync();
        var clientId = "console-" + Guid.NewGuid().ToString("N")[..8];

        var clientsPage = await PageAsync(admin.Browser, "/admin/clients");
        using var created = await admin.Browser.SubmitFormAsync(clientsPage, "/admin/clients", new Dictionary<string, string>
        {
            ["ClientId"] = clientId,
            ["DisplayName"] = "Console client",
            ["ClientType"] = "confidential",
            ["GrantTypes"] = "client_credentials",
            ["Scopes"] = TestSeed.OrdersRead,
        });
        var createdHtml = await created.Content.ReadAsStringAsync();
        var firstSecret = Secret(createdHtml);
        var first = new TestClient(clientId, firstSecret);
        var firstWorks = await OAuth.GetAccessTokenAsync(first, TestSeed.OrdersRead);

        var clientPage = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        using var rotated = await admin.Browser.SubmitFormAsync(clientPage, $"/admin/clients/{clientId}?handler=Rotate", new Dictionary<string, string> { ["KeepPreviousFor"] = "3600" });
        var rotatedHtml = await rotated.Content.ReadAsStringAsync();
        var second = new TestClient(clientId, Secret(rotatedHtml));
        using var oldDuringOverlap = await OAuth.RequestTokenAsync(first, TestSeed.OrdersRead);

        // A user signed in elsewhere, with a token; the administrator disables them.
        var user = await CreateUserAsync();
        var userId = await StoredSessions.UserIdAsync(Server, user);
        using var usersBrowser = NewBrowser();
        using var userChallenge = await usersBrowser.GetAsync("/account");
        using var userSignedIn = await usersBrowser.SignInAsync(userChallenge, user, Password);
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var found = await PageAsync(admin.Browser, "/admin/users?q=" + user);
        var userPage = await PageAsync(admin.Browser, "/admin/users/" + userId);
        using var disabled = await admin.Browser.SubmitFormAsync(userPage, $"/admin/users/{userId}?handler=Disable", new Dictionary<string, string> { ["Confirm"] = "true" });
        var disabledHtml = await disabled.Content.ReadAsStringAsync();
        using var usersAccount = await usersBrowser.GetAsync("/account");

        var audit = await PageAsync(admin.Browser, "/admin/events?user=" + userId);
        var clientAudit = await PageAsync(admin.Browser, "/admin/events?client=" + clientId);
        var actor = "user:" + admin.UserId;

        // Past the hour the old secret was kept for (and past the console's idle time, which the checks above no longer need).
        Server.Clock.Advance(TimeSpan.FromMinutes(61));
        using var oldAfterOverlap = await OAuth.RequestTokenAsync(first, TestSeed.OrdersRead);
        using var newAfterOverlap = await OAuth.RequestTokenAsync(second, TestSeed.OrdersRead);

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), createdHtml);
            Assert.That(createdHtml, Does.Contain("data-testid=\"created-client\""));
            Assert.That(firstWorks, Is.Not.Empty, "the secret shown once gets a token");
            Assert.That(clientPage, Does.Not.Contain(firstSecret), "the client's page never shows the secret");
            Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK), rotatedHtml);
            Assert.That(oldDuringOverlap.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the old secret works during the overlap");
            Assert.That(oldAfterOverlap.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "and not after it");
            Assert.That(newAfterOverlap.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(found, Does.Contain("/admin/users/" + userId), "the search finds the user");
            Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.OK), disabledHtml);
            Assert.That(disabledHtml, Does.Contain("data-testid=\"user-state\">disabled"));
            Assert.That(usersAccount.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the user's session has ended");
            Assert.That(await OAuth.IsActiveAsync(tokens.GetProperty("access_token").GetString()!, TestSeed.WebApp), Is.False, "their token is inactive");
            Assert.That(AuditRows(audit), Has.Some.Contains("user.deactivated").And.Contains(actor));
            Assert.That(AuditRows(clientAudit), Has.Some.Contains("client.registered").And.Contains(actor));
            Assert.That(AuditRows(clientAudit), Has.Some.Contains("client.secret_rotated").And.Contains(actor));
            Assert.That(audit + clientAudit, Does.Not.Contain(firstSecret).And.Not.Contain(second.Secret), "no secret in the audit log");
        });
    }

    [TestCase("/admin/clients", "")]
    [TestCase("/admin/users", "")]
    [TestCase("/admin/identity-providers", "")]
    [TestCase("/admin/identity-providers", "Remove")]
    [TestCase("/admin/clients/{client}", "Rotate")]
    [TestCase("/admin/clients/{client}", "Delete")]
    [TestCase("/admin/clients/{client}", "Edit")]
    [TestCase("/admin/users/{user}", "SetPassword")]
    [TestCase("/admin/users/{user}", "Disable")]
    [TestCase("/admin/users/{user}", "ResetMfa")]
    [TestCase("/admin/users/{user}", "PasswordLink")]
    [TestCase("/admin/users/{user}", "EndSession")]
    [TestCase("/admin/users/{user}", "GrantAdministrator")]
    [TestCase("/admin/keys", "Rotate")]
    [TestCase("/admin/scopes", "")]
    [TestCase("/admin/scope?name={scope}", "Edit")]
    [TestCase("/admin/scope?name={scope}", "Delete")]
    [TestCase("/admin/sign-out", "")]
    public async Task Every_console_form_is_refused_without_its_antiforgery_token(string path, string handler)
    {
        using var admin = await EnterConsoleAsync();
        var client = await RegisterOwnClientAsync("csrf", [TestSeed.OrdersRead]);
        var user = await CreateUserAsync();
        var userId = await StoredSessions.UserIdAsync(Server, user);
        var scopeName = "csrf-scope-" + Guid.NewGuid().ToString("N")[..8];
        using (var services = Server.Services.CreateScope())
        {
            var added = await services.ServiceProvider.GetRequiredService<ISender>().Send(new CreateScope(new ScopeDefinition { Name = scopeName, DisplayName = "Untouched" }));
            Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        }

        // A provider the forged removal names: it must still be there.
        var standing = "csrf-standing-" + Guid.NewGuid().ToString("N")[..6];
        using (var services = Server.Services.CreateScope())
        {
            var registered = await services.ServiceProvider.GetRequiredService<ISender>().Send(new Auth.Application.IdentityProviders.RegisterIdentityProvider(
                new Auth.Application.IdentityProviders.IdentityProviderDefinition
                {
                    Id = standing,
                    DisplayName = "Standing",
                    Issuer = "https://standing.example",
                    ClientId = "auth",
                    ClientSecret = "standing-secret-123456",
                    Linking = new Auth.Application.IdentityProviders.IdentityProviderLinking { UserName = true },
                }));
            Assert.That(registered.Succeeded, Is.True, registered.Error?.Description);
        }

        var target = path.Replace("{client}", client.Id, StringComparison.Ordinal).Replace("{user}", userId, StringComparison.Ordinal)
            .Replace("{scope}", scopeName, StringComparison.Ordinal);
        var page = await PageAsync(admin.Browser, path.StartsWith("/admin/sign-out", StringComparison.Ordinal) ? "/admin" : target);
        var fields = Auth.Api.Tests.Hosting.UserAgent.HiddenFields(page);
        fields.Remove("__RequestVerificationToken");
        fields["ClientId"] = "csrf-made-" + Guid.NewGuid().ToString("N")[..6];
        fields["GrantTypes"] = "client_credentials";
        fields["Confirm"] = "true";
        fields["DisplayName"] = "Forged";
        fields["NewPassword"] = fields["ConfirmPassword"] = "forged-password-123";

        fields["Name"] = "csrf-made-" + Guid.NewGuid().ToString("N")[..6];
        fields["New.UserName"] = "csrf-made-" + Guid.NewGuid().ToString("N")[..6];
        fields["New.Id"] = "csrf-made-" + Guid.NewGuid().ToString("N")[..6];
        fields["New.DisplayName"] = "Forged";
        fields["New.Issuer"] = "https://forged.example";
        fields["New.ClientId"] = "forged";
        fields["New.ClientSecret"] = "forged-secret-123456";
        fields["New.LinkUserName"] = "true";
        fields["provider"] = standing;

        using var forged = await admin.Browser.Http.PostAsync(target + (handler.Length > 0 ? (target.Contains('?') ? "&" : "?") + "handler=" + handler : string.Empty), new FormUrlEncodedContent(fields));
        using var stillIn = await admin.Browser.GetAsync("/admin");

        Assert.Multiple(async () =>
        {
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(stillIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the console session goes on");
            Assert.That(await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersRead), Is.Not.Empty, "the client and its secret are untouched");
            Assert.That((await AuditedAsync("user.deactivated", userId)).Concat(await AuditedAsync("user.role_granted", userId)).Concat(await AuditedAsync("user.password_set", userId)), Is.Empty, "nothing happened to the user");
            Assert.That(await ClientNameAsync(client.Id), Is.Not.EqualTo("Forged"));
            Assert.That(await ScopeNameAsync(scopeName), Is.EqualTo("Untouched"), "the scope is neither changed nor removed");
            Assert.That(await ScopeNameAsync(fields["Name"]), Is.Null, "no scope was registered");
            Assert.That(await UserExistsAsync(fields["New.UserName"]), Is.False, "no user was created");
            Assert.That(await IdentityProviderExistsAsync(fields["New.Id"]), Is.False, "no identity provider was registered");
            Assert.That(await IdentityProviderExistsAsync(standing), Is.True, "none was removed");
        });
    }

    [Test]
    public async Task Bad_input_unknown_ids_and_acting_on_oneself_get_a_4xx_page_and_change_nothing()
    {
        using var admin = await EnterConsoleAsync();
        var clientsPage = await PageAsync(admin.Browser, "/admin/clients");

        using var badId = await admin.Browser.SubmitFormAsync(clientsPage, "/admin/clients", new Dictionary<string, string> { ["ClientId"] = "has spaces/and slash", ["GrantTypes"] = "client_credentials" });
        using var taken = await admin.Browser.SubmitFormAsync(clientsPage, "/admin/clients", new Dictionary<string, string> { ["ClientId"] = TestSeed.WebApp.Id, ["GrantTypes"] = "client_credentials" });
        using var unknownClient = await admin.Browser.GetAsync("/admin/clients/no-such-client");
        using var unknownUser = await admin.Browser.GetAsync("/admin/users/no-such-user");
        using var badSince = await admin.Browser.GetAsync("/admin/events?since=yesterday");
        using var longFilter = await admin.Browser.GetAsync("/admin/events?type=" + new string('x', 300));
        var ownPage = await PageAsync(admin.Browser, "/admin/users/" + admin.UserId);
        using var selfDisable = await admin.Browser.SubmitFormAsync(ownPage, $"/admin/users/{admin.UserId}?handler=Disable", new Dictionary<string, string> { ["Confirm"] = "true" });
        var other = await CreateUserAsync();
        var otherId = await StoredSessions.UserIdAsync(Server, other);
        var otherPage = await PageAsync(admin.Browser, "/admin/users/" + otherId);
        using var unconfirmedDisable = await admin.Browser.SubmitFormAsync(otherPage, $"/admin/users/{otherId}?handler=Disable", new Dictionary<string, string>());
        using var selfWithdraw = await admin.Browser.SubmitFormAsync(ownPage, $"/admin/users/{admin.UserId}?handler=WithdrawAdministrator", new Dictionary<string, string>());
        var client = await RegisterOwnClientAsync("unconfirmed", [TestSeed.OrdersRead]);
        var clientPage = await PageAsync(admin.Browser, "/admin/clients/" + client.Id);
        using var unconfirmed = await admin.Browser.SubmitFormAsync(clientPage, $"/admin/clients/{client.Id}?handler=Delete", new Dictionary<string, string>());
        using var stillIn = await admin.Browser.GetAsync("/admin");

        Assert.Multiple(async () =>
        {
            Assert.That(badId.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await badId.Content.ReadAsStringAsync(), Does.Contain("role=\"alert\"").And.Contain("unreserved"));
            Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(unknownClient.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknownUser.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(badSince.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(longFilter.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(selfDisable.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(selfWithdraw.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(stillIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the administrator is still one, and enabled");
            Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "removal needs the confirmation");
            Assert.That(unconfirmedDisable.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "so does disabling");
            Assert.That(await AuditedAsync("user.deactivated", otherId), Is.Empty);
            Assert.That(await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersRead), Is.Not.Empty, "the client is still there");
        });
    }

    [Test]
    public async Task An_administrator_ends_a_users_session_makes_a_set_password_link_and_rotates_the_signing_key()
    {
        using var admin = await EnterConsoleAsync();
        var user = await CreateUserAsync();
        var userId = await StoredSessions.UserIdAsync(Server, user);
        using var usersBrowser = NewBrowser();
        using var challenge = await usersBrowser.GetAsync("/account");
        using var signedIn = await usersBrowser.SignInAsync(challenge, user, Password);

        var userPage = await PageAsync(admin.Browser, "/admin/users/" + userId);
        var reference = SessionField().Match(userPage).Groups["value"].Value;
        using var ended = await admin.Browser.SubmitFormAsync(userPage, $"/admin/users/{userId}?handler=EndSession", new Dictionary<string, string> { ["session"] = reference });
        using var usersAccount = await usersBrowser.GetAsync("/account");
        using var link = await admin.Browser.SubmitFormAsync(userPage, $"/admin/users/{userId}?handler=PasswordLink", new Dictionary<string, string>());
        var linkHtml = await link.Content.ReadAsStringAsync();
        var keysPage = await PageAsync(admin.Browser, "/admin/keys");
        using var rotated = await admin.Browser.SubmitFormAsync(keysPage, "/admin/keys?handler=Rotate", new Dictionary<string, string>());
        var rotatedHtml = await rotated.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(userPage, Does.Not.Contain((await StoredSessions.OfAsync(Server, user)).FirstOrDefault()?.Id ?? "no session"), "no session id on the page");
            Assert.That(ended.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(usersAccount.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the session has ended");
            Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(linkHtml, Does.Match("data-testid=\"password-link\">http[^<]+/account/set-password\\?token="));
            Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rotatedHtml, Does.Contain("is published and signs from"));
            Assert.That(await AuditedAsync("key.rotated"), Has.Some.Matches<Auth.Domain.Audit.AuditEntry>(e => e.Actor == "user:" + admin.UserId));
            Assert.That(await AuditedAsync("user.password_link_created", userId), Has.Some.Matches<Auth.Domain.Audit.AuditEntry>(e => e.Actor == "user:" + admin.UserId));
        });
    }

    [Test]
    public async Task An_administrator_edits_a_client_and_a_form_read_before_another_change_overwrites_nothing()
    {
        using var admin = await EnterConsoleAsync();
        var client = await RegisterOwnClientAsync("edited", [TestSeed.OrdersRead]);
        var page = await PageAsync(admin.Browser, "/admin/clients/" + client.Id);
        var stalePage = await PageAsync(admin.Browser, "/admin/clients/" + client.Id);

        using var edited = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{client.Id}?handler=Edit", new Dictionary<string, string>
        {
            ["DisplayName"] = "Nightly export",
            ["GrantTypes"] = "client_credentials",
            ["Scopes"] = TestSeed.OrdersRead + " " + TestSeed.OrdersWrite,
        });
        using var stale = await admin.Browser.SubmitFormAsync(stalePage, $"/admin/clients/{client.Id}?handler=Edit", new Dictionary<string, string>
        {
            ["DisplayName"] = "Overwritten",
            ["GrantTypes"] = "client_credentials",
            ["Scopes"] = TestSeed.OrdersRead,
        });
        using var invalid = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{client.Id}?handler=Edit", new Dictionary<string, string>
        {
            ["DisplayName"] = "No grants",
            ["Scopes"] = TestSeed.OrdersRead,
        });

        Assert.Multiple(async () =>
        {
            Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());
            Assert.That(await edited.Content.ReadAsStringAsync(), Does.Contain("The client is changed."));
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "the form was read before the change");
            Assert.That(invalid.StatusCode, Is.AnyOf(HttpStatusCode.BadRequest, HttpStatusCode.Conflict));
            Assert.That(await ClientNameAsync(client.Id), Is.EqualTo("Nightly export"), "neither the stale nor the invalid form changed it");
            Assert.That(await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersWrite), Is.Not.Empty, "the added scope is granted; the secret is kept");
        });
    }

    [Test]
    public async Task An_administrator_sets_a_users_password_under_the_policy()
    {
        using var admin = await EnterConsoleAsync();
        var user = await CreateUserAsync();
        var userId = await StoredSessions.UserIdAsync(Server, user);
        var page = await PageAsync(admin.Browser, "/admin/users/" + userId);
        const string chosen = "chosen-by-the-operator-9";

        using var mismatch = await admin.Browser.SubmitFormAsync(page, $"/admin/users/{userId}?handler=SetPassword", new Dictionary<string, string> { ["NewPassword"] = chosen, ["ConfirmPassword"] = chosen + "x" });
        using var tooShort = await admin.Browser.SubmitFormAsync(page, $"/admin/users/{userId}?handler=SetPassword", new Dictionary<string, string> { ["NewPassword"] = "short", ["ConfirmPassword"] = "short" });
        using var set = await admin.Browser.SubmitFormAsync(page, $"/admin/users/{userId}?handler=SetPassword", new Dictionary<string, string> { ["NewPassword"] = chosen, ["ConfirmPassword"] = chosen });
        var setHtml = await set.Content.ReadAsStringAsync();
        using var withNew = NewBrowser();
        using var signedIn = await SignInThroughAsync(withNew, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user, chosen);

        Assert.Multiple(async () =>
        {
            Assert.That(mismatch.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tooShort.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await tooShort.Content.ReadAsStringAsync(), Does.Contain("role=\"alert\""));
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), setHtml);
            Assert.That(setHtml, Does.Not.Contain(chosen), "the password is not shown back");
            Assert.That(CallbackParameters(signedIn, TestSeed.WebAppCallback), Does.ContainKey("code"), "the user signs in with it");
            Assert.That(await AuditedAsync("user.password_set", userId), Has.Some.Matches<Auth.Domain.Audit.AuditEntry>(e => e.Actor == "user:" + admin.UserId));
        });
    }

    [Test]
    public async Task An_administrator_creates_a_user_who_signs_in_once_given_a_password_and_a_taken_or_bad_user_changes_nothing()
    {
        using var admin = await EnterConsoleAsync();
        var userName = "made-" + Guid.NewGuid().ToString("N")[..8];
        var usersPage = await PageAsync(admin.Browser, "/admin/users");
        var form = new Dictionary<string, string>
        {
            ["New.UserName"] = userName,
            ["New.DisplayName"] = "Made In Console",
            ["New.GivenName"] = "Made",
            ["New.FamilyName"] = "Console",
            ["New.Email"] = userName + "@example.com",
            ["New.EmailVerified"] = "true",
        };

        using var created = await admin.Browser.SubmitFormAsync(usersPage, "/admin/users", form);
        var userId = await StoredSessions.UserIdAsync(Server, userName);
        using var taken = await admin.Browser.SubmitFormAsync(usersPage, "/admin/users", new Dictionary<string, string>(form) { ["New.DisplayName"] = "Someone else" });
        var badName = "bad name " + Guid.NewGuid().ToString("N")[..6];
        using var badUserName = await admin.Browser.SubmitFormAsync(usersPage, "/admin/users", new Dictionary<string, string> { ["New.UserName"] = "  " });
        using var badEmail = await admin.Browser.SubmitFormAsync(usersPage, "/admin/users", new Dictionary<string, string> { ["New.UserName"] = badName.Replace(' ', '-'), ["New.Email"] = "not an address" });
        var userPage = await PageAsync(admin.Browser, created.Headers.Location!.OriginalString);
        using var withoutPassword = NewBrowser();
        using var refused = await SignInThroughAsync(withoutPassword, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), userName, Password);
        using var set = await admin.Browser.SubmitFormAsync(userPage, $"/admin/users/{userId}?handler=SetPassword", new Dictionary<string, string> { ["NewPassword"] = Password, ["ConfirmPassword"] = Password });
        using var withPassword = NewBrowser();
        var pkce = Pkce.Create();
        using var signedIn = await SignInThroughAsync(withPassword, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, scope: "openid profile email", pkce: pkce), userName, Password);
        var code = CallbackParameters(signedIn, TestSeed.WebAppCallback)["code"];
        var claims = Jwt.Payload((await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier)).GetProperty("id_token").GetString()!);

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "on to the new user's page");
            Assert.That(created.Headers.Location?.OriginalString, Is.EqualTo($"/admin/users/{userId}?created=true"));
            Assert.That(userPage, Does.Contain("Made In Console").And.Contain(userName + "@example.com"));
            Assert.That(userPage, Does.Contain("The user is created: give them a password below"));
            Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a taken user name is a conflict");
            Assert.That(userPage, Does.Not.Contain("Someone else"));
            Assert.That(badUserName.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badEmail.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await badEmail.Content.ReadAsStringAsync(), Does.Contain("role=\"alert\""));
            Assert.That(await UserExistsAsync(badName.Replace(' ', '-')), Is.False, "a refused form creates nobody");
            Assert.That(refused.StatusCode, Is.Not.EqualTo(HttpStatusCode.Redirect), "without a password the user cannot sign in");
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(claims["name"]?.GetValue<string>(), Is.EqualTo("Made In Console"), "with the password set on their page, the user signs in");
            Assert.That(claims["email"]?.GetValue<string>(), Is.EqualTo(userName + "@example.com"));
            Assert.That(claims["email_verified"]?.GetValue<bool>(), Is.True, "the operator vouched for the address");
            Assert.That(await AuditedAsync("user.registered", userId), Has.Exactly(1).Matches<Auth.Domain.Audit.AuditEntry>(e => e.Actor == "user:" + admin.UserId));
        });
    }

    private async Task<bool> IdentityProviderExistsAsync(string id)
    {
        using var scope = Server.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Auth.Application.IdentityProviders.ListIdentityProviders())).Any(p => p.Id == id);
    }

    private async Task<bool> UserExistsAsync(string userName)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Auth.Application.Ports.IAuthDbContext>().Users.AnyAsync(u => u.UserName == userName);
    }

    private async Task<string?> ClientNameAsync(string clientId)
    {
        using var scope = Server.Services.CreateScope();
        var client = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Auth.Application.Clients.GetClient(clientId));
        return client.Succeeded ? client.Value!.DisplayName : null;
    }

    private async Task<string?> ScopeNameAsync(string name)
    {
        using var scope = Server.Services.CreateScope();
        var found = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetScope(name));
        return found.Succeeded ? found.Value!.Definition.DisplayName : null;
    }

    private static string Secret(string html) => SecretField().Match(html) is { Success: true } match ? match.Groups["secret"].Value : throw new AssertionException("no secret on the page: " + html);

    private static List<string> AuditRows(string html) => [.. AuditRow().Matches(html).Select(m => m.Value)];

    [GeneratedRegex("data-testid=\"client-secret\">(?<secret>[^<]+)<")]
    private static partial Regex SecretField();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex AuditRow();

    [GeneratedRegex("name=\"session\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex SessionField();
}
