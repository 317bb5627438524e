using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.OAuth.PrivateKeyJwt;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>
/// The console's edit form shows and changes a client's whole registration but its secret: what users are shown (logo,
/// website, policies), its contacts, request-object settings, protocol requirements, token lifetimes, back-channel
/// logout, groups claim, roles and keys; it keeps what it cannot state for a client, and refuses what it cannot read or
/// the admin API refuses, writing nothing.
/// </summary>
public sealed class ConsoleClientEditFormTests(StoreKind store) : ConsoleTest(store)
{
    // A comma is a URI's, not a separator: the second is one URI.
    private static readonly string[] RequestUris = ["https://app.example/ro/1.jwt", "https://app.example/ro/2.jwt?set=a,b"];

    /// <summary>The keys <see cref="AddClientAsync"/> registers.</summary>
    private static readonly ClientKeys Keys = ClientKeys.Rsa();

    private string TokenEndpoint => new Uri(Server.BaseAddress, "oauth/token").AbsoluteUri;

    [Test]
    public async Task The_form_shows_the_links_contacts_and_request_object_settings_and_an_edit_changes_and_clears_them()
    {
        var clientId = await AddClientAsync();
        var form = new Dictionary<string, string>(Form)
        {
            ["LogoUri"] = "",
            ["ClientUri"] = " https://www.app.example/ ",
            ["Contacts"] = "owner@app.example\nops@app.example\n",
            ["RequestObjectSigningAlg"] = "",
            ["RequestUris"] = RequestUris[1],
        };
        form.Remove("RequireSignedRequestObject");

        using var admin = await EnterConsoleAsync();
        var edit = await EditAsync(admin, clientId, form);

        Assert.Multiple(() =>
        {
            Assert.That(edit.Page, Does.Contain("website https://app.example/"), "the facts");
            Assert.That(edit.Page, Does.Contain("owner@app.example, security@app.example"), "the facts");
            Assert.That(edit.Page, Does.Contain("required, signed (PS256 only)"), "the facts");
            Assert.That(edit.Page, Does.Contain($"data-testid=\"request-uris\">{string.Join(", ", RequestUris)}</dd>"), "the facts");
            Assert.That(edit.Page, Does.Contain("name=\"ClientUri\" value=\"https://app.example/\""), "the form holds the stored website");
            Assert.That(edit.Page, Does.Contain("name=\"LogoUri\" value=\"https://app.example/logo.png\""));
            Assert.That(edit.Page, Does.Contain(">owner@app.example&#xA;security@app.example</textarea>"), "the form holds the stored contacts");
            Assert.That(edit.Page, Does.Contain("<option value=\"PS256\" selected=\"selected\">"), "the form holds the stored algorithm");
            Assert.That(edit.Page, Does.Contain($">{string.Join("&#xA;", RequestUris)}</textarea>"));
            Assert.That(edit.Page, Does.Contain("name=\"RequireSignedRequestObject\" value=\"true\" checked=\"checked\""));
            Assert.That(edit.Answer, Does.Contain("The client is changed."));
            Assert.That(edit.Stored.LogoUri, Is.Null, "an emptied field clears the setting");
            Assert.That(edit.Stored.ClientUri, Is.EqualTo("https://www.app.example/"));
            Assert.That(edit.Stored.PolicyUri, Is.EqualTo("https://app.example/privacy"), "a field posted as shown keeps the setting");
            Assert.That(edit.Stored.Contacts, Is.EqualTo(new[] { "owner@app.example", "ops@app.example" }));
            Assert.That(edit.Stored.RequestObjectSigningAlg, Is.Null);
            Assert.That(edit.Stored.RequireSignedRequestObject, Is.False, "an unticked box is not posted: the requirement goes");
            Assert.That(edit.Stored.RequestUris, Is.EqualTo(new[] { RequestUris[1] }));
            Assert.That(KeyIds(edit.Stored), Is.EqualTo(new[] { Keys.PublicJwk.Kid }), "the keys posted as shown stay");
        });
    }

    [Test]
    public async Task The_form_shows_the_protocol_requirements_and_an_edit_sets_and_clears_them()
    {
        var clientId = await AddClientAsync();
        var requiring = new Dictionary<string, string>(Form)
        {
            ["RequirePushedAuthorizationRequests"] = "true",
            ["RequireDPoP"] = "true",
            ["SignedUserinfo"] = "true",
        };
        requiring.Remove("RequirePkce");

        using var admin = await EnterConsoleAsync();
        var set = await EditAsync(admin, clientId, requiring);
        var cleared = await EditAsync(admin, clientId, Form);

        Assert.Multiple(() =>
        {
            Assert.That(set.Page, Does.Contain("name=\"RequirePkce\" value=\"true\" checked=\"checked\""), "the default: PKCE required");
            Assert.That(set.Page, Does.Contain("name=\"RequireDPoP\" value=\"true\" />"), "not required yet");
            Assert.That(set.Answer, Does.Contain("The client is changed."));
            Assert.That((set.Stored.RequirePkce, set.Stored.RequirePushedAuthorizationRequests, set.Stored.RequireDPoP, set.Stored.UserinfoSignedResponseAlg),
                Is.EqualTo((false, true, true, (string?)"RS256")));
            Assert.That(cleared.Page, Does.Contain("name=\"RequireDPoP\" value=\"true\" checked=\"checked\""), "the form holds what is stored");
            Assert.That(cleared.Page, Does.Contain("name=\"SignedUserinfo\" value=\"true\" checked=\"checked\""));
            Assert.That(cleared.Page, Does.Contain("name=\"RequirePushedAuthorizationRequests\" value=\"true\" checked=\"checked\""));
            Assert.That(cleared.Page, Does.Contain("name=\"RequirePkce\" value=\"true\" />"), "PKCE no longer ticked");
            Assert.That(cleared.Page, Does.Contain("<dt>Userinfo answers</dt><dd>signed (RS256)</dd>"), "the facts");
            Assert.That(cleared.Page, Does.Contain("<dt>PKCE</dt><dd>optional</dd>"), "the facts");
            Assert.That(cleared.Answer, Does.Contain("The client is changed."));
            Assert.That((cleared.Stored.RequirePkce, cleared.Stored.RequirePushedAuthorizationRequests, cleared.Stored.RequireDPoP, cleared.Stored.UserinfoSignedResponseAlg),
                Is.EqualTo((true, false, false, (string?)null)));
        });
    }

    [Test]
    public async Task The_form_shows_the_lifetimes_logouts_groups_claim_and_roles_and_an_edit_changes_and_clears_them()
    {
        var clientId = await AddClientAsync(client => client with
        {
            AccessTokenLifetime = 600,
            RefreshTokenLifetime = 86_400,
            RefreshTokenAbsoluteLifetime = 604_800,
            BackchannelLogoutUri = "https://app.example/logout",
            BackchannelLogoutSessionRequired = false,
            FrontchannelLogoutUri = "https://app.example/frontchannel",
            FrontchannelLogoutSessionRequired = false,
            GroupsClaim = GroupsClaimValue.Id,
            Roles = new Dictionary<string, IReadOnlyList<string>> { ["admin"] = ["Engineering", "Operations"], ["viewer"] = ["Everyone"] },
        });

        using var admin = await EnterConsoleAsync();
        var edit = await EditAsync(admin, clientId, new Dictionary<string, string>(Form)
        {
            ["AccessTokenLifetime"] = "",
            ["RefreshTokenLifetime"] = " 3600 ",
            ["RefreshTokenAbsoluteLifetime"] = "604800",
            ["BackchannelLogoutUri"] = "",
            ["BackchannelLogoutSessionRequired"] = "true",
            ["FrontchannelLogoutUri"] = " https://app.example/fc?v=2 ",
            ["FrontchannelLogoutSessionRequired"] = "true",
            ["GroupsClaim"] = GroupsClaimValue.DisplayName,

            // A role on two lines holds both groups; a repeated line and blank lines count once and not at all.
            ["Roles"] = "admin = Engineering\r\n\r\nauditor = Security Team\nauditor=Security Team\nauditor = Compliance",
        });

        Assert.Multiple(() =>
        {
            Assert.That(edit.Page, Does.Contain("name=\"AccessTokenLifetime\" value=\"600\""), "the form holds the stored lifetimes");
            Assert.That(edit.Page, Does.Contain("name=\"RefreshTokenLifetime\" value=\"86400\""));
            Assert.That(edit.Page, Does.Contain("name=\"RefreshTokenAbsoluteLifetime\" value=\"604800\""));
            Assert.That(edit.Page, Does.Contain("name=\"BackchannelLogoutUri\" value=\"https://app.example/logout\""));
            Assert.That(edit.Page, Does.Contain("name=\"BackchannelLogoutSessionRequired\" value=\"true\" />"), "sid not required: unticked");
            Assert.That(edit.Page, Does.Contain("name=\"FrontchannelLogoutUri\" value=\"https://app.example/frontchannel\""));
            Assert.That(edit.Page, Does.Contain("name=\"FrontchannelLogoutSessionRequired\" value=\"true\" />"), "iss and sid not required: unticked");
            Assert.That(edit.Page, Does.Contain("<option value=\"id\" selected=\"selected\">"));
            Assert.That(edit.Page, Does.Contain(">admin = Engineering&#xA;admin = Operations&#xA;viewer = Everyone</textarea>"));
            Assert.That(edit.Answer, Does.Contain("The client is changed."));
            Assert.That((edit.Stored.AccessTokenLifetime, edit.Stored.RefreshTokenLifetime, edit.Stored.RefreshTokenAbsoluteLifetime),
                Is.EqualTo(((int?)null, (int?)3600, (int?)604_800)), "an emptied lifetime takes the server's default");
            Assert.That(edit.Stored.BackchannelLogoutUri, Is.Null);
            Assert.That(edit.Stored.BackchannelLogoutSessionRequired, Is.True);
            Assert.That((edit.Stored.FrontchannelLogoutUri, edit.Stored.FrontchannelLogoutSessionRequired), Is.EqualTo(("https://app.example/fc?v=2", true)));
            Assert.That(edit.Stored.GroupsClaim, Is.EqualTo(GroupsClaimValue.DisplayName));
            Assert.That(RoleLines(edit.Stored), Is.EquivalentTo(new[] { "admin = Engineering", "auditor = Security Team", "auditor = Compliance" }));
        });
    }

    [Test]
    public async Task A_client_with_keys_has_them_replaced_by_another_set_or_a_jwks_uri_and_never_left_without()
    {
        var clientId = await AddClientAsync();
        var next = ClientKeys.Rsa();

        using var admin = await EnterConsoleAsync();
        var replaced = await EditAsync(admin, clientId, new Dictionary<string, string>(Form) { ["Jwks"] = next.Jwks.GetRawText() });
        var published = await EditAsync(admin, clientId, new Dictionary<string, string>(Form) { ["Jwks"] = "", ["JwksUri"] = "https://app.example/jwks.json" });
        var emptied = await EditAsync(admin, clientId, new Dictionary<string, string>(Form) { ["Jwks"] = "", ["JwksUri"] = " " });

        Assert.Multiple(() =>
        {
            Assert.That(replaced.Page, Does.Contain($"&quot;kid&quot;: &quot;{Keys.PublicJwk.Kid}&quot;"), "the form holds the stored key set");
            Assert.That(replaced.Page, Does.Not.Contain("data-testid=\"keys-switch\""), "it has keys already");
            Assert.That(KeyIds(replaced.Stored), Is.EqualTo(new[] { next.PublicJwk.Kid }));
            Assert.That(published.Page, Does.Contain($"kid {next.PublicJwk.Kid}"), "the facts");
            Assert.That((published.Stored.Jwks, published.Stored.JwksUri), Is.EqualTo(((System.Text.Json.JsonElement?)null, (string?)"https://app.example/jwks.json")));
            Assert.That(emptied.Status, Is.EqualTo(HttpStatusCode.BadRequest), emptied.Answer);
            Assert.That(emptied.Answer, Does.Contain("A client that signs with keys keeps them"));
            Assert.That(emptied.Stored.JwksUri, Is.EqualTo("https://app.example/jwks.json"), "nothing was written");
        });
    }

    [Test]
    public async Task A_client_with_a_secret_given_keys_signs_with_them_and_no_secret_of_its_works_any_more()
    {
        var client = await RegisterOwnClientAsync("console-keys", [TestSeed.OrdersRead]);
        var keys = ClientKeys.Rsa();

        // A rotation that keeps the first secret working for a day: both secrets work until the keys come.
        RotatedClientSecret rotated;
        using (var scope = Server.Services.CreateScope())
        {
            var rotation = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RotateClientSecret(client.Id, PreviousSecretValidFor: 86_400));
            Assert.That(rotation.Succeeded, Is.True, rotation.Error?.Description);
            rotated = rotation.Value!;
        }

        var current = client with { Secret = rotated.Secret };
        using var previousBefore = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead);

        using var admin = await EnterConsoleAsync();
        var edit = await EditAsync(admin, client.Id, new Dictionary<string, string>
        {
            ["GrantTypes"] = ClientGrantTypes.ClientCredentials,
            ["Scopes"] = TestSeed.OrdersRead,
            ["RequirePkce"] = "true",
            ["BackchannelLogoutSessionRequired"] = "true",
            ["Jwks"] = keys.Jwks.GetRawText(),
        });
        using var previousAfter = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead);
        using var currentAfter = await OAuth.RequestTokenAsync(current, TestSeed.OrdersRead);

        // Entering the console moves the server's clock on: the assertion is dated by it.
        using var withKey = await OAuth.PostFormAsync("/oauth/token",
            ClientKeys.TokenForm(client.Id, keys.Assertion(client.Id, TokenEndpoint, issuedAt: Server.Clock.GetUtcNow()), TestSeed.OrdersRead));
        var after = await PageAsync(admin.Browser, "/admin/clients/" + client.Id);
        using var rotateAgain = await admin.Browser.SubmitFormAsync(after, $"/admin/clients/{client.Id}?handler=Rotate", new Dictionary<string, string> { ["KeepPreviousFor"] = "0" });

        Assert.Multiple(async () =>
        {
            Assert.That(previousBefore.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the previous secret worked in its overlap");
            Assert.That(edit.Page, Does.Contain("data-testid=\"keys-switch\""), "the form says what keys do to the secret");
            Assert.That(edit.Answer, Does.Contain("The client is changed."));
            Assert.That(KeyIds(edit.Stored), Is.EqualTo(new[] { keys.PublicJwk.Kid }));
            Assert.That(currentAfter.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the secret stopped working");
            Assert.That(previousAfter.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "so did the previous one, whatever time it had left");
            Assert.That(withKey.StatusCode, Is.EqualTo(HttpStatusCode.OK), await withKey.Content.ReadAsStringAsync());
            Assert.That(after, Does.Not.Contain("data-testid=\"rotate-form\""), "a client with keys has no secret to rotate");
            Assert.That(rotateAgain.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "nor is a rotation posted anyway made");
            Assert.That(await rotateAgain.Content.ReadAsStringAsync(), Does.Contain("signs with keys (private_key_jwt): it has no secret to rotate"));
        });
    }

    [Test]
    public async Task A_form_read_before_a_change_to_the_roles_alone_is_refused_and_overwrites_nothing()
    {
        var clientId = await AddClientAsync(client => client with
        {
            Roles = new Dictionary<string, IReadOnlyList<string>> { ["admin"] = ["Engineering"] },
        });

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        var before = await StoredAsync(clientId);
        using (var scope = Server.Services.CreateScope())
        {
            // The stored client as the form reads and writes it, its roles alone changed.
            var another = Auth.Api.Pages.Admin.Clients.ClientSettingsForm.Of(before);
            another.Roles = "admin = Engineering\nadmin = Operations";
            var changed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new UpdateClient(another.ForClient(before).Value!));
            Assert.That(changed.Succeeded, Is.True, changed.Error?.Description);
        }

        using var stale = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{clientId}?handler=Edit", new Dictionary<string, string>(Form) { ["Roles"] = "admin = Engineering" });
        var after = await StoredAsync(clientId);

        Assert.Multiple(async () =>
        {
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await stale.Content.ReadAsStringAsync(), Does.Contain("Someone changed the client since this page was read"));
            Assert.That(RoleLines(after), Is.EqualTo(new[] { "admin = Engineering", "admin = Operations" }), "the other change stays");
        });
    }

    [TestCase(false, TestName = "A public client is offered no keys and keys posted for it are ignored")]
    [TestCase(true, TestName = "A self-registered client with a secret is offered no keys and keys posted for it are ignored")]
    public async Task A_client_offered_no_keys_ignores_keys_posted_for_it(bool selfRegisteredWithSecret)
    {
        var clientId = "console-nokeys-" + Guid.NewGuid().ToString("N")[..8];
        await SendAsync(new RegisterClient(new ClientDefinition
        {
            ClientId = clientId,
            ClientSecret = selfRegisteredWithSecret ? "a-secret-" + Guid.NewGuid().ToString("N") : null,
            SelfRegistered = selfRegisteredWithSecret,
            FirstParty = !selfRegisteredWithSecret,
            GrantTypes = [ClientGrantTypes.AuthorizationCode],
            Scopes = ["openid"],
            RedirectUris = [TestSeed.WebAppCallback],
        }));

        using var admin = await EnterConsoleAsync();
        var edit = await EditAsync(admin, clientId, new Dictionary<string, string>
        {
            ["GrantTypes"] = ClientGrantTypes.AuthorizationCode,
            ["Scopes"] = "openid",
            ["RedirectUris"] = TestSeed.WebAppCallback,
            ["Jwks"] = Keys.Jwks.GetRawText(),
        });

        Assert.Multiple(() =>
        {
            Assert.That(edit.Page, Does.Not.Contain("name=\"Jwks\""));
            Assert.That(edit.Answer, Does.Contain("The client is changed."));
            Assert.That((edit.Stored.ClientType, edit.Stored.Jwks), Is.EqualTo((selfRegisteredWithSecret ? "confidential" : "public", (System.Text.Json.JsonElement?)null)));
        });
    }

    [Test]
    public async Task Roles_a_line_cannot_state_are_kept_and_not_offered()
    {
        var clientId = await AddClientAsync(client => client with
        {
            Roles = new Dictionary<string, IReadOnlyList<string>> { ["level=2"] = ["Engineering"] },
        });

        using var admin = await EnterConsoleAsync();
        var edit = await EditAsync(admin, clientId, new Dictionary<string, string>(Form) { ["Roles"] = "level = 2" });

        Assert.Multiple(() =>
        {
            Assert.That(edit.Page, Does.Not.Contain("name=\"Roles\""));
            Assert.That(edit.Page, Does.Contain("data-testid=\"roles-kept\""));
            Assert.That(edit.Answer, Does.Contain("The client is changed."));
            Assert.That(RoleLines(edit.Stored), Is.EqualTo(new[] { "level=2 = Engineering" }));
        });
    }

    [Test]
    public async Task A_self_registered_client_keeps_pkce_and_consent_whatever_is_posted_and_is_not_offered_either()
    {
        var clientId = await AddClientAsync(client => client with { SelfRegistered = true, FirstParty = false });
        var withoutPkce = new Dictionary<string, string>(Form);
        withoutPkce.Remove("RequirePkce");

        using var admin = await EnterConsoleAsync();
        var edit = await EditAsync(admin, clientId, withoutPkce);

        Assert.Multiple(() =>
        {
            Assert.That(edit.Page, Does.Not.Contain("name=\"RequirePkce\""));
            Assert.That(edit.Page, Does.Contain("PKCE is always required of this client (it registered itself)"));
            Assert.That(edit.Page, Does.Not.Contain("name=\"ThirdParty\""));
            Assert.That(edit.Page, Does.Contain("Users are always asked for consent to this client"));
            Assert.That(edit.Stored.FirstParty, Is.False, "users are still asked for consent");
            Assert.That(edit.Answer, Does.Contain("The client is changed."));
            Assert.That(edit.Stored.RequirePkce, Is.True);
            Assert.That(edit.Stored.SelfRegistered, Is.True);
        });
    }

    [TestCase("Contacts", "owner@app.example\nnot an address", "A contact is an e-mail address")]
    [TestCase("ClientUri", "javascript:alert(1)", "clientUri (client_uri)")]
    [TestCase("RequestObjectSigningAlg", "HS256", "request_object_signing_alg")]
    [TestCase("AccessTokenLifetime", "ten minutes", "The access-token lifetime is a whole number of seconds")]
    [TestCase("RefreshTokenAbsoluteLifetime", "0", "The absolute refresh-token lifetime is between 1 second and 365 days")]
    [TestCase("BackchannelLogoutUri", "http://app.example/logout", "The backchannel logout URI must be an absolute https URL")]
    [TestCase("FrontchannelLogoutUri", "https://other.example/logout", "The frontchannel logout URI must have the scheme, host and port of one of the client&#x27;s redirect URIs")]
    [TestCase("GroupsClaim", "email", "groupsClaim is displayName or id")]
    [TestCase("Roles", "admin = Engineering\nviewer", "must name at least one group")]
    [TestCase("Jwks", "{\"keys\": [", "The keys are a JSON Web Key Set: a JSON object with a")]
    [TestCase("Jwks", "{\"keys\": [{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}]}", "jwks holds RSA or EC public keys only")]
    [TestCase("Jwks", "", "A client that signs with keys keeps them")]
    public async Task A_value_the_form_cannot_read_or_the_rules_refuse_is_refused_with_the_form_as_posted_and_nothing_changes(string field, string value, string refusal)
    {
        var clientId = await AddClientAsync();
        var before = await StoredAsync(clientId);

        using var admin = await EnterConsoleAsync();
        var edit = await EditAsync(admin, clientId, new Dictionary<string, string>(Form)
        {
            ["DisplayName"] = "Never saved",
            [field] = value,
        });

        Assert.Multiple(() =>
        {
            Assert.That(edit.Status, Is.EqualTo(HttpStatusCode.BadRequest), edit.Answer);
            Assert.That(edit.Answer, Does.Contain(refusal), "the refusal names the setting");
            Assert.That(edit.Answer, Does.Contain("value=\"Never saved\""), "the form keeps what was posted");
            Assert.That(edit.Stored.DisplayName, Is.EqualTo(before.DisplayName), "nothing was written");
            Assert.That(edit.Stored.Version, Is.EqualTo(before.Version));
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
        ["BackchannelLogoutSessionRequired"] = "true",
        ["GroupsClaim"] = GroupsClaimValue.DisplayName,
        ["Jwks"] = Keys.Jwks.GetRawText(),
    };

    /// <summary>The client's page read, the edit form posted from it, and the client as stored after.</summary>
    private async Task<Edit> EditAsync(Administrator admin, string clientId, IDictionary<string, string> form)
    {
        var page = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        using var answer = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{clientId}?handler=Edit", form);
        return new Edit(page, answer.StatusCode, await answer.Content.ReadAsStringAsync(), await StoredAsync(clientId));
    }

    private sealed record Edit(string Page, HttpStatusCode Status, string Answer, ClientDetails Stored);

    private async Task<string> AddClientAsync(Func<ClientDefinition, ClientDefinition>? adjust = null)
    {
        var clientId = "console-shown-" + Guid.NewGuid().ToString("N")[..8];
        var client = new ClientDefinition
        {
            ClientId = clientId,
            DisplayName = "Presented",
            Jwks = Keys.Jwks,
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
        };
        await SendAsync(new RegisterClient(adjust?.Invoke(client) ?? client));
        return clientId;
    }

    private async Task SendAsync(RegisterClient command)
    {
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
    }

    private async Task<ClientDetails> StoredAsync(string clientId)
    {
        using var scope = Server.Services.CreateScope();
        var found = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetClient(clientId));
        Assert.That(found.Succeeded, Is.True, found.Error?.Description);
        return found.Value!;
    }

    private static string?[] KeyIds(ClientDetails client) =>
        client.Jwks is { } jwks ? [.. jwks.GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString())] : [];

    private static string[] RoleLines(ClientDetails client) =>
        [.. client.Roles.SelectMany(role => role.Value.Select(group => $"{role.Key} = {group}"))];
}
