using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Scim;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// The directory's groups and a client's roles in tokens: users and groups provisioned over SCIM, a password user
/// signing in through the real pages, and the ID token, access token and userinfo read as a client would.
/// </summary>
public sealed class GroupsAndRolesTests(StoreKind store) : ScimTest(store)
{
    /// <summary>Low, so a user past it needs a handful of groups rather than hundreds of SCIM requests.</summary>
    private const int MaxGroups = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OAuth:MaxGroupsInTokens"] = MaxGroups.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public async Task Groups_scope_and_its_claims_are_in_discovery()
    {
        var discovery = await OAuthClient.ReadJsonAsync(await Server.Client.GetAsync("/.well-known/openid-configuration"));

        Assert.Multiple(() =>
        {
            Assert.That(Strings(discovery.GetProperty("scopes_supported")), Does.Contain("groups"));
            Assert.That(Strings(discovery.GetProperty("claims_supported")), Is.SupersetOf(new[] { "groups", "hasgroups", "roles" }));
        });
    }

    [Test]
    public async Task Id_token_access_token_and_userinfo_carry_group_names()
    {
        var (userName, userId) = await ProvisionedUserAsync();
        var engineers = "Engineers " + Suffix();
        var everyone = "Everyone " + Suffix();
        await CreateGroupAsync(engineers, userId);
        await CreateGroupAsync(everyone, userId);
        await CreateGroupAsync("Others " + Suffix());

        var tokens = await SignInAsync(TestSeed.HrPortal, TestSeed.HrPortalCallback, userName, "openid groups");

        string[] expected = [.. new[] { engineers, everyone }.Order(StringComparer.Ordinal)];
        var userInfo = await UserInfoAsync(tokens);
        Assert.Multiple(() =>
        {
            Assert.That(Claim(tokens, "id_token", "groups"), Is.EqualTo(expected));
            Assert.That(Claim(tokens, "access_token", "groups"), Is.EqualTo(expected));
            Assert.That(userInfo["groups"]!.AsArray().Select(g => g!.GetValue<string>()), Is.EqualTo(expected));
            Assert.That(Jwt.Payload(IdToken(tokens)).ContainsKey("hasgroups"), Is.False);
        });
    }

    [Test]
    public async Task Without_the_groups_scope_no_token_names_the_groups()
    {
        var (userName, userId) = await ProvisionedUserAsync();
        await CreateGroupAsync("Engineers " + Suffix(), userId);

        var tokens = await SignInAsync(TestSeed.HrPortal, TestSeed.HrPortalCallback, userName, "openid profile");

        var userInfo = await UserInfoAsync(tokens);
        Assert.Multiple(() =>
        {
            Assert.That(Jwt.Payload(IdToken(tokens)).ContainsKey("groups"), Is.False);
            Assert.That(Jwt.Payload(AccessToken(tokens)).ContainsKey("groups"), Is.False);
            Assert.That(userInfo.ContainsKey("groups"), Is.False);
        });
    }

    [Test]
    public async Task A_user_in_no_group_gets_an_empty_groups_claim()
    {
        var (userName, _) = await ProvisionedUserAsync();

        var tokens = await SignInAsync(TestSeed.HrPortal, TestSeed.HrPortalCallback, userName, "openid groups");

        Assert.That(Claim(tokens, "id_token", "groups"), Is.Empty);
    }

    [Test]
    public async Task Client_setting_puts_group_ids_instead()
    {
        var (userName, userId) = await ProvisionedUserAsync();
        var id = await CreateGroupAsync("Engineers " + Suffix(), userId);

        var tokens = await SignInAsync(TestSeed.GroupIdsApp, TestSeed.GroupIdsCallback, userName, "openid groups");

        Assert.Multiple(() =>
        {
            Assert.That(Claim(tokens, "id_token", "groups"), Is.EqualTo(new[] { id }));
            Assert.That(Claim(tokens, "access_token", "groups"), Is.EqualTo(new[] { id }));
        });
    }

    [Test]
    public async Task More_groups_than_the_limit_leave_the_claim_out_with_hasgroups()
    {
        var (userName, userId) = await ProvisionedUserAsync();
        for (var i = 0; i < MaxGroups; i++)
        {
            await CreateGroupAsync($"Team {i} " + Suffix(), userId);
        }

        var atTheLimit = await SignInAsync(TestSeed.HrPortal, TestSeed.HrPortalCallback, userName, "openid groups");
        Assert.That(Claim(atTheLimit, "id_token", "groups"), Has.Length.EqualTo(MaxGroups), "exactly the limit is still listed");

        await CreateGroupAsync("One too many " + Suffix(), userId);
        var past = await SignInAsync(TestSeed.HrPortal, TestSeed.HrPortalCallback, userName, "openid groups");

        var userInfo = await UserInfoAsync(past);
        Assert.Multiple(() =>
        {
            foreach (var token in new[] { IdToken(past), AccessToken(past) })
            {
                var payload = Jwt.Payload(token);
                Assert.That(payload.ContainsKey("groups"), Is.False);
                Assert.That(payload["hasgroups"]?.GetValue<bool>(), Is.True);
            }

            Assert.That(userInfo.ContainsKey("groups"), Is.False);
            Assert.That(userInfo["hasgroups"]?.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Group_removed_over_scim_is_gone_at_the_next_refresh()
    {
        var (userName, userId) = await ProvisionedUserAsync();
        var kept = "Kept " + Suffix();
        var removed = "Removed " + Suffix();
        await CreateGroupAsync(kept, userId);
        var removedId = await CreateGroupAsync(removed, userId);
        var tokens = await SignInAsync(TestSeed.HrPortal, TestSeed.HrPortalCallback, userName, "openid offline_access groups");
        Assert.That(Claim(tokens, "access_token", "groups"), Does.Contain(removed));

        var (patched, body) = await Scim.PatchAsync("/Groups/" + removedId,
            ScimClient.Patch($$"""{"op":"remove","path":"members[value eq \"{{userId}}\"]"}"""));
        Assert.That(patched.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent), body?.ToJsonString());
        var added = "Added " + Suffix();
        await CreateGroupAsync(added, userId);

        using var refresh = await RefreshAsync(TestSeed.HrPortal, tokens.GetProperty("refresh_token").GetString()!);
        var refreshed = await OAuthClient.ReadJsonAsync(refresh);
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), refreshed.ToString());

        string[] expected = [.. new[] { kept, added }.Order(StringComparer.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(Claim(refreshed, "access_token", "groups"), Is.EqualTo(expected));
            Assert.That(Claim(refreshed, "id_token", "groups"), Is.EqualTo(expected));
        });
    }

    [Test]
    public async Task Roles_are_mapped_per_client()
    {
        var (userName, userId) = await ProvisionedUserAsync();
        await CreateGroupAsync(TestSeed.ApproverGroup.ToLowerInvariant(), userId); // displayName compares ignoring case, as in SCIM
        await CreateGroupAsync(TestSeed.ItAdminsGroup, userId);
        await CreateGroupAsync(TestSeed.HrAdminsGroup, userId);

        var hr = await SignInAsync(TestSeed.HrPortal, TestSeed.HrPortalCallback, userName, "openid");
        var web = await SignInAsync(TestSeed.WebApp, TestSeed.WebAppCallback, userName, "openid");

        var userInfo = await UserInfoAsync(hr);
        Assert.Multiple(() =>
        {
            // No groups scope asked for: the roles come with the client's registration, the groups do not.
            Assert.That(Claim(hr, "id_token", "roles"), Is.EqualTo(new[] { "admin", "approver" }));
            Assert.That(Claim(hr, "access_token", "roles"), Is.EqualTo(new[] { "admin", "approver" }));
            Assert.That(userInfo["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "admin", "approver" }));
            Assert.That(Jwt.Payload(IdToken(hr)).ContainsKey("groups"), Is.False);
            Assert.That(Jwt.Payload(IdToken(web)).ContainsKey("roles"), Is.False, "a client without mappings gets no roles");
            Assert.That(Jwt.Payload(AccessToken(web)).ContainsKey("roles"), Is.False);
        });
    }

    [Test]
    public async Task Roles_added_on_the_command_line_reach_the_clients_tokens()
    {
        var (userName, userId) = await ProvisionedUserAsync();
        var group = "Reviewers " + Suffix();
        await CreateGroupAsync(group, userId);
        var client = new TestClient("cli-roles-" + Suffix(), "cli-roles-secret-0042");
        const string callback = "https://cli-roles.example/cb";

        var added = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", client.Id, "--secret", client.Secret,
            "--grant", "authorization_code", "--scope", "openid groups", "--redirect-uri", callback,
            "--role", "reviewer=" + group, "--role", "unused=Nobody's group", "--groups-claim", "id");
        Assert.That(added.ExitCode, Is.Zero, added.Error);

        var tokens = await SignInAsync(client, callback, userName, "openid");
        Assert.That(Claim(tokens, "id_token", "roles"), Is.EqualTo(new[] { "reviewer" }));

        var removed = await AuthExecutable.RunAsync(Server.Store, "clients", "remove", "--id", client.Id);
        Assert.That(removed.ExitCode, Is.Zero, removed.Error);
        var again = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", client.Id, "--secret", client.Secret,
            "--grant", "authorization_code", "--scope", "openid", "--redirect-uri", callback);
        Assert.That(again.ExitCode, Is.Zero, again.Error);

        var afterRemoval = await SignInAsync(client, callback, userName, "openid");
        Assert.That(Jwt.Payload(IdToken(afterRemoval)).ContainsKey("roles"), Is.False, "a removed client's mappings go with it");
    }

    [Test]
    public async Task A_seed_applied_again_leaves_the_role_mapping_alone_and_a_changed_one_is_an_update()
    {
        var clientId = "seeded-roles-" + Suffix();
        var seedFile = Path.Combine(Path.GetTempPath(), clientId + ".json");
        async Task<int> ApplyAsync(string group)
        {
            await File.WriteAllTextAsync(seedFile, $$$"""
                {"clients":[{"clientId":"{{{clientId}}}","clientSecret":"seeded-roles-secret-42","grantTypes":["client_credentials"],"roles":{"admin":["{{{group}}}"]}}]}
                """);
            return (await AuthExecutable.RunAsync(Server.Store, "seed", "--file", seedFile)).ExitCode;
        }

        try
        {
            Assert.That(new[] { await ApplyAsync("Admins"), await ApplyAsync("Admins"), await ApplyAsync("Administrators") }, Is.All.Zero);
        }
        finally
        {
            File.Delete(seedFile);
        }

        var listed = await AuthExecutable.RunAsync(Server.Store, "audit", "list", "--type", "client.registered", "--client", clientId);
        var details = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')[^2]);
        Assert.That(details, Is.EqualTo(new[] { "updated", "created" }), listed.Output);
    }

    [Test]
    public async Task A_role_option_without_a_group_is_a_usage_error()
    {
        var refused = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", "bad-roles", "--secret", "bad-roles-secret-0042",
            "--grant", "client_credentials", "--role", "admin");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(2));
            Assert.That(refused.Error, Does.Contain("--role takes ROLE=GROUP"));
        });
    }

    [Test]
    public async Task Consent_page_names_the_groups_scope()
    {
        var (userName, _) = await ProvisionedUserAsync();
        using var browser = NewBrowser();

        using var consent = await SignInThroughAsync(browser,
            AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, "openid groups", Pkce.Create()), userName);

        var html = await consent.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(consent.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(html, Does.Contain("See the groups you belong to"));
        });
    }

    [Test]
    public async Task Groups_scope_is_invalid_scope_on_client_credentials()
    {
        using var response = await OAuth.RequestTokenAsync(TestSeed.UserScopesService, "groups");
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_scope"));
        });
    }

    [Test]
    public async Task Client_credentials_tokens_carry_no_groups_or_roles()
    {
        var token = Jwt.Payload(await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead));

        Assert.Multiple(() =>
        {
            Assert.That(token.ContainsKey("groups"), Is.False);
            Assert.That(token.ContainsKey("hasgroups"), Is.False);
            Assert.That(token.ContainsKey("roles"), Is.False);
        });
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    private static string IdToken(JsonElement tokens) => tokens.GetProperty("id_token").GetString()!;

    private static string AccessToken(JsonElement tokens) => tokens.GetProperty("access_token").GetString()!;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>A claim of a token that must be a JSON array (never a lone string), as its strings.</summary>
    private static string[] Claim(JsonElement tokens, string token, string claim)
    {
        var value = Jwt.Payload(tokens.GetProperty(token).GetString()!)[claim];
        Assert.That(value, Is.InstanceOf<JsonArray>(), $"{token} {claim}: {value?.ToJsonString() ?? "absent"}");
        return [.. value!.AsArray().Select(v => v!.GetValue<string>())];
    }

    /// <summary>A user provisioned over SCIM with a password, as Okta with password sync does.</summary>
    private async Task<(string UserName, string Id)> ProvisionedUserAsync()
    {
        var userName = NewUserName();
        return (userName, await CreateUserAsync(userName, password: Password));
    }

    private async Task<string> CreateGroupAsync(string displayName, params string[] memberIds)
    {
        var members = string.Join(',', memberIds.Select(id => $$"""{"value":"{{id}}"}"""));
        var (response, body) = await Scim.PostAsync("/Groups",
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{displayName}}","members":[{{members}}]}""");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body?.ToJsonString());
        return (string)body!["id"]!;
    }

    private async Task<JsonElement> SignInAsync(TestClient client, string callback, string userName, string scope)
    {
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(userName, client.Id, callback, pkce, scope);
        return await RedeemForTokensAsync(client, code, callback, pkce.Verifier);
    }

    private async Task<JsonObject> UserInfoAsync(JsonElement tokens)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken(tokens));
        using var response = await Server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
