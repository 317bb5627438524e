using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.OAuth.PrivateKeyJwt;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>
/// The console's edit form shows and changes what users are shown of a client (logo, website, policies), its contacts,
/// its request-object settings and its protocol requirements, and refuses what the admin API refuses, writing nothing.
/// </summary>
public sealed class ConsoleClientEditFormTests(StoreKind store) : ConsoleTest(store)
{
    // A comma is a URI's, not a separator: the second is one URI.
    private static readonly string[] RequestUris = ["https://app.example/ro/1.jwt", "https://app.example/ro/2.jwt?set=a,b"];

    [Test]
    public async Task The_form_shows_the_links_contacts_and_request_object_settings_and_an_edit_changes_and_clears_them()
    {
        var clientId = await AddClientAsync();

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        var form = new Dictionary<string, string>(Form)
        {
            ["LogoUri"] = "",
            ["ClientUri"] = " https://www.app.example/ ",
            ["Contacts"] = "owner@app.example\nops@app.example\n",
            ["RequestObjectSigningAlg"] = "",
            ["RequestUris"] = RequestUris[1],
        };
        form.Remove("RequireSignedRequestObject");
        using var edited = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{clientId}?handler=Edit", form);
        var stored = await StoredAsync(clientId);

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("website https://app.example/"), "the facts");
            Assert.That(page, Does.Contain("owner@app.example, security@app.example"), "the facts");
            Assert.That(page, Does.Contain("required, signed (PS256 only)"), "the facts");
            Assert.That(page, Does.Contain($"data-testid=\"request-uris\">{string.Join(", ", RequestUris)}</dd>"), "the facts");
            Assert.That(page, Does.Contain("name=\"ClientUri\" value=\"https://app.example/\""), "the form holds the stored website");
            Assert.That(page, Does.Contain("name=\"LogoUri\" value=\"https://app.example/logo.png\""));
            Assert.That(page, Does.Contain(">owner@app.example&#xA;security@app.example</textarea>"), "the form holds the stored contacts");
            Assert.That(page, Does.Contain("<option value=\"PS256\" selected=\"selected\">"), "the form holds the stored algorithm");
            Assert.That(page, Does.Contain($">{string.Join("&#xA;", RequestUris)}</textarea>"));
            Assert.That(page, Does.Contain("name=\"RequireSignedRequestObject\" value=\"true\" checked=\"checked\""));
            Assert.That(await edited.Content.ReadAsStringAsync(), Does.Contain("The client is changed."));
            Assert.That(stored.LogoUri, Is.Null, "an emptied field clears the setting");
            Assert.That(stored.ClientUri, Is.EqualTo("https://www.app.example/"));
            Assert.That(stored.PolicyUri, Is.EqualTo("https://app.example/privacy"), "a field posted as shown keeps the setting");
            Assert.That(stored.Contacts, Is.EqualTo(new[] { "owner@app.example", "ops@app.example" }));
            Assert.That(stored.RequestObjectSigningAlg, Is.Null);
            Assert.That(stored.RequireSignedRequestObject, Is.False, "an unticked box is not posted: the requirement goes");
            Assert.That(stored.RequestUris, Is.EqualTo(new[] { RequestUris[1] }));
            Assert.That(stored.Jwks, Is.Not.Null, "what the form does not hold stays");
        });
    }

    [Test]
    public async Task The_form_shows_the_protocol_requirements_and_an_edit_sets_and_clears_them()
    {
        var clientId = await AddClientAsync();

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        var requiring = new Dictionary<string, string>(Form)
        {
            ["RequirePushedAuthorizationRequests"] = "true",
            ["RequireDPoP"] = "true",
            ["SignedUserinfo"] = "true",
        };
        requiring.Remove("RequirePkce");
        using var set = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{clientId}?handler=Edit", requiring);
        var afterSetting = await StoredAsync(clientId);
        var again = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        using var cleared = await admin.Browser.SubmitFormAsync(again, $"/admin/clients/{clientId}?handler=Edit", Form);
        var afterClearing = await StoredAsync(clientId);

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("name=\"RequirePkce\" value=\"true\" checked=\"checked\""), "the default: PKCE required");
            Assert.That(page, Does.Contain("name=\"RequireDPoP\" value=\"true\" />"), "not required yet");
            Assert.That(await set.Content.ReadAsStringAsync(), Does.Contain("The client is changed."));
            Assert.That((afterSetting.RequirePkce, afterSetting.RequirePushedAuthorizationRequests, afterSetting.RequireDPoP, afterSetting.UserinfoSignedResponseAlg),
                Is.EqualTo((false, true, true, (string?)"RS256")));
            Assert.That(again, Does.Contain("name=\"RequireDPoP\" value=\"true\" checked=\"checked\""), "the form holds what is stored");
            Assert.That(again, Does.Contain("name=\"SignedUserinfo\" value=\"true\" checked=\"checked\""));
            Assert.That(again, Does.Contain("name=\"RequirePushedAuthorizationRequests\" value=\"true\" checked=\"checked\""));
            Assert.That(again, Does.Contain("name=\"RequirePkce\" value=\"true\" />"), "PKCE no longer ticked");
            Assert.That(again, Does.Contain("<dt>Userinfo answers</dt><dd>signed (RS256)</dd>"), "the facts");
            Assert.That(again, Does.Contain("<dt>PKCE</dt><dd>optional</dd>"), "the facts");
            Assert.That(await cleared.Content.ReadAsStringAsync(), Does.Contain("The client is changed."));
            Assert.That((afterClearing.RequirePkce, afterClearing.RequirePushedAuthorizationRequests, afterClearing.RequireDPoP, afterClearing.UserinfoSignedResponseAlg),
                Is.EqualTo((true, false, false, (string?)null)));
        });
    }

    [Test]
    public async Task A_self_registered_client_keeps_pkce_and_consent_whatever_is_posted_and_is_not_offered_either()
    {
        var clientId = await AddClientAsync(selfRegistered: true);

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        var withoutPkce = new Dictionary<string, string>(Form);
        withoutPkce.Remove("RequirePkce");
        using var edited = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{clientId}?handler=Edit", withoutPkce);
        var stored = await StoredAsync(clientId);

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Not.Contain("name=\"RequirePkce\""));
            Assert.That(page, Does.Contain("PKCE is always required of this client (it registered itself)"));
            Assert.That(page, Does.Not.Contain("name=\"ThirdParty\""));
            Assert.That(page, Does.Contain("Users are always asked for consent to this client"));
            Assert.That(stored.FirstParty, Is.False, "users are still asked for consent");
            Assert.That(await edited.Content.ReadAsStringAsync(), Does.Contain("The client is changed."));
            Assert.That(stored.RequirePkce, Is.True);
            Assert.That(stored.SelfRegistered, Is.True);
        });
    }

    [TestCase("Contacts", "owner@app.example\nnot an address", "A contact is an e-mail address")]
    [TestCase("ClientUri", "javascript:alert(1)", "clientUri (client_uri)")]
    [TestCase("RequestObjectSigningAlg", "HS256", "request_object_signing_alg")]
    public async Task A_value_the_rules_refuse_is_refused_with_the_form_as_posted_and_nothing_changes(string field, string value, string refusal)
    {
        var clientId = await AddClientAsync();
        var before = await StoredAsync(clientId);

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        using var refused = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{clientId}?handler=Edit", new Dictionary<string, string>(Form)
        {
            ["DisplayName"] = "Never saved",
            [field] = value,
        });
        var body = await refused.Content.ReadAsStringAsync();
        var after = await StoredAsync(clientId);

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(body, Does.Contain(refusal), "the refusal names the setting");
            Assert.That(body, Does.Contain("value=\"Never saved\""), "the form keeps what was posted");
            Assert.That(after.DisplayName, Is.EqualTo(before.DisplayName), "nothing was written");
            Assert.That(after.Version, Is.EqualTo(before.Version));
        });
    }

    /// <summary>The edit form as a browser posts it for the client <see cref="AddClientAsync"/> makes, unchanged.</summary>
    private static Dictionary<string, string> Form => new()
    {
        ["DisplayName"] = "Presented",
        ["GrantTypes"] = ClientGrantTypes.AuthorizationCode,
        ["Scopes"] = "openid",
        ["RedirectUris"] = TestSeed.WebAppCallback,
        ["LogoUri"] = "https://app.example/logo.png",
        ["ClientUri"] = "https://app.example/",
        ["PolicyUri"] = "https://app.example/privacy",
        ["TosUri"] = "https://app.example/terms",
        ["Contacts"] = "owner@app.example\nsecurity@app.example",
        ["RequestObjectSigningAlg"] = "PS256",
        ["RequireSignedRequestObject"] = "true",
        ["RequestUris"] = string.Join('\n', RequestUris),
        ["RequirePkce"] = "true",
    };

    private async Task<string> AddClientAsync(bool selfRegistered = false)
    {
        var clientId = "console-shown-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
        {
            ClientId = clientId,
            DisplayName = "Presented",
            Jwks = ClientKeys.Rsa().Jwks,
            GrantTypes = [ClientGrantTypes.AuthorizationCode],
            Scopes = ["openid"],
            RedirectUris = [TestSeed.WebAppCallback],
            LogoUri = "https://app.example/logo.png",
            ClientUri = "https://app.example/",
            PolicyUri = "https://app.example/privacy",
            TosUri = "https://app.example/terms",
            Contacts = ["owner@app.example", "security@app.example"],
            RequestObjectSigningAlg = "PS256",
            RequireSignedRequestObject = true,
            RequestUris = RequestUris,
            SelfRegistered = selfRegistered,
            FirstParty = !selfRegistered,
        }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return clientId;
    }

    private async Task<ClientDetails> StoredAsync(string clientId)
    {
        using var scope = Server.Services.CreateScope();
        var found = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetClient(clientId));
        Assert.That(found.Succeeded, Is.True, found.Error?.Description);
        return found.Value!;
    }
}
