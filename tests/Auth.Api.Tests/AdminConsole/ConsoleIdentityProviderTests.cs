using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.IdentityProviders;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>
/// The console registers an upstream identity provider (its secret never shown back) and removes one after a
/// confirmation, through the use cases of the admin API, audited with the administrator.
/// </summary>
public sealed class ConsoleIdentityProviderTests(StoreKind store) : ConsoleTest(store)
{
    private const string Secret = "console-upstream-secret-42";

    [Test]
    public async Task An_administrator_registers_an_identity_provider_and_removes_it_after_a_confirmation()
    {
        using var admin = await EnterConsoleAsync();
        var id = "console-" + Guid.NewGuid().ToString("N")[..8];
        var domain = id + ".example";
        var page = await PageAsync(admin.Browser, "/admin/identity-providers");
        var form = new Dictionary<string, string>
        {
            ["New.Id"] = id,
            ["New.DisplayName"] = "Console Upstream",
            ["New.Kind"] = "oidc",
            ["New.Issuer"] = "https://" + domain,
            ["New.ClientId"] = "auth-at-" + id,
            ["New.ClientAuthentication"] = "client_secret_post",
            ["New.ClientSecret"] = Secret,
            ["New.Scopes"] = "openid email",
            ["New.Domains"] = domain,
            ["New.LinkUserName"] = "true",
            ["New.UpstreamLogout"] = "true",
        };

        using var registered = await admin.Browser.SubmitFormAsync(page, "/admin/identity-providers", form);
        var registeredHtml = await registered.Content.ReadAsStringAsync();
        var stored = await ProviderAsync(id);
        using var taken = await admin.Browser.SubmitFormAsync(page, "/admin/identity-providers", new Dictionary<string, string>(form) { ["New.DisplayName"] = "Again" });
        using var domainTaken = await admin.Browser.SubmitFormAsync(page, "/admin/identity-providers", new Dictionary<string, string>(form) { ["New.Id"] = id + "-b" });
        using var badId = await admin.Browser.SubmitFormAsync(page, "/admin/identity-providers", new Dictionary<string, string>(form) { ["New.Id"] = "Bad Id", ["New.Domains"] = "" });
        using var noSecret = await admin.Browser.SubmitFormAsync(page, "/admin/identity-providers", new Dictionary<string, string>(form) { ["New.Id"] = id + "-c", ["New.ClientSecret"] = "", ["New.Domains"] = "" });
        using var entraBoth = await admin.Browser.SubmitFormAsync(page, "/admin/identity-providers", new Dictionary<string, string>(form)
        {
            ["New.Id"] = id + "-d", ["New.Kind"] = "entra", ["New.Tenant"] = Guid.NewGuid().ToString(), ["New.Domains"] = "",
        });
        var badIdHtml = await badId.Content.ReadAsStringAsync();
        var listed = await PageAsync(admin.Browser, "/admin/identity-providers");
        using var unconfirmed = await admin.Browser.SubmitFormAsync(listed, "/admin/identity-providers?handler=Remove", new Dictionary<string, string> { ["provider"] = id });
        var stillThere = await ProviderAsync(id);
        using var removed = await admin.Browser.SubmitFormAsync(listed, "/admin/identity-providers?handler=Remove", new Dictionary<string, string> { ["provider"] = id, ["Confirm"] = "true" });
        var actor = "user:" + admin.UserId;

        Assert.Multiple(async () =>
        {
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.OK), registeredHtml);
            Assert.That(registeredHtml, Does.Contain($"The identity provider {id} is registered").And.Contain("<code>" + id + "</code>"));
            Assert.That(stored, Is.Not.Null);
            Assert.That(stored?.ClientAuthentication, Is.EqualTo("client_secret_post"));
            Assert.That(stored?.HasClientSecret, Is.True);
            Assert.That(stored?.Domains, Is.EqualTo(new[] { domain }));
            Assert.That(stored?.Rules, Does.Contain("userName"));
            Assert.That(registeredHtml + badIdHtml + listed, Does.Not.Contain(Secret), "the secret is never shown back, not even in a refused form");
            Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(domainTaken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a domain another provider owns");
            Assert.That(badId.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badIdHtml, Does.Contain("role=\"alert\""));
            Assert.That(noSecret.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a secret method needs its secret");
            Assert.That(await ProviderAsync(id + "-b"), Is.Null);
            Assert.That(await ProviderAsync(id + "-c"), Is.Null);
            Assert.That(entraBoth.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "Entra takes the tenant, not an issuer beside it");
            Assert.That(await ProviderAsync(id + "-d"), Is.Null);
            Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "removal needs the confirmation");
            Assert.That(stillThere, Is.Not.Null);
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await ProviderAsync(id), Is.Null, "removed");
            Assert.That(await AuditedAsync("idp.registered"), Has.Some.Matches<Auth.Domain.Audit.AuditEntry>(e => e.Detail == id + " created" && e.Actor == actor));
            Assert.That(await AuditedAsync("idp.removed"), Has.Some.Matches<Auth.Domain.Audit.AuditEntry>(e => e.Detail == id && e.Actor == actor));
        });
    }

    private async Task<IdentityProviderSummary?> ProviderAsync(string id)
    {
        using var scope = Server.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListIdentityProviders())).SingleOrDefault(p => p.Id == id);
    }
}
