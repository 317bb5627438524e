using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// Issue #15's first guarantee, for the ACCESS token of every cause of revocation: introspection answers
/// <c>active: false</c> and this service's own APIs (SCIM for a provisioning token; userinfo and the MFA API for a
/// user's) answer 401. A change made through this node's endpoints counts at once; a change made by the command line
/// (another process) counts within <see cref="Propagation.Limit"/>.
/// </summary>
public sealed class AccessTokenRevocationTests(StoreKind store) : UserFlowTest(store)
{
    private const string ShortCallback = "https://short.example/cb";

    private HttpClient Node => Server.Client;

    [Test]
    public async Task A_revoked_client_credentials_token_is_inactive_and_refused_by_scim_at_once()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var probes = TokenProbe.OfProvisioningClient(Node, token, TestSeed.ScimClient);
        await TokenProbe.AssertAcceptedAsync(probes);

        using var revoked = await OAuth.RevokeAsync(token, TestSeed.ScimClient, "access_token");

        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await TokenProbe.AssertRefusedAtOnceAsync(probes);
    }

    [Test]
    public async Task A_revoked_access_token_of_a_user_is_inactive_and_refused_by_userinfo_and_the_mfa_api_at_once()
    {
        var (_, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var probes = TokenProbe.OfUser(Node, AccessToken(tokens), TestSeed.WebApp);
        await TokenProbe.AssertAcceptedAsync(probes);

        using var revoked = await OAuth.RevokeAsync(AccessToken(tokens), TestSeed.WebApp, "access_token");

        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await TokenProbe.AssertRefusedAtOnceAsync(probes);
    }

    [Test]
    public async Task A_user_deactivated_over_scim_has_their_access_token_refused_at_once()
    {
        var (_, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var probes = TokenProbe.OfUser(Node, AccessToken(tokens), TestSeed.WebApp);
        await TokenProbe.AssertAcceptedAsync(probes);

        var (patched, body) = await (await ProvisioningAsync()).PatchAsync("/Users/" + UserId(tokens),
            ScimClient.Patch("""{"op":"replace","value":{"active":false}}"""));

        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        await TokenProbe.AssertRefusedAtOnceAsync(probes);
    }

    [Test]
    public async Task A_user_deleted_over_scim_has_their_access_token_refused_at_once()
    {
        var (_, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var probes = TokenProbe.OfUser(Node, AccessToken(tokens), TestSeed.WebApp);
        await TokenProbe.AssertAcceptedAsync(probes);

        var (deleted, body) = await (await ProvisioningAsync()).DeleteAsync("/Users/" + UserId(tokens));

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), body?.ToJsonString());
        await TokenProbe.AssertRefusedAtOnceAsync(probes);
    }

    [Test]
    public async Task A_user_disabled_on_the_command_line_has_their_access_token_refused_within_a_second()
    {
        var (user, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var probes = TokenProbe.OfUser(Node, AccessToken(tokens), TestSeed.WebApp);
        await TokenProbe.AssertAcceptedAsync(probes);

        var disabled = await AuthExecutable.RunAsync(Server.Store, "users", "disable", "--name", user);
        var acknowledged = Propagation.Now();

        Assert.That(disabled.ExitCode, Is.Zero, disabled.Error);
        await Propagation.AssertRefusedWithinLimitAsync("users disable (CLI)", acknowledged, probes);
    }

    [Test]
    public async Task A_withdrawn_consent_has_the_clients_access_token_for_the_user_refused_within_a_second()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, TestSeed.MfaScopes, pkce), user);
        using var allowed = await browser.SubmitFormAsync(await consent.Content.ReadAsStringAsync(), "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        var code = CallbackParameters(allowed, TestSeed.PartnerCallback)["code"];
        var tokens = await RedeemForTokensAsync(TestSeed.PartnerApp, code, TestSeed.PartnerCallback, pkce.Verifier);
        var probes = TokenProbe.OfUser(Node, AccessToken(tokens), TestSeed.PartnerApp);
        await TokenProbe.AssertAcceptedAsync(probes);

        var withdrawn = await AuthExecutable.RunAsync(Server.Store, "users", "consents", "withdraw", "--name", user, "--client", TestSeed.PartnerApp.Id);
        var acknowledged = Propagation.Now();

        Assert.That(withdrawn.ExitCode, Is.Zero, withdrawn.Error);
        await Propagation.AssertRefusedWithinLimitAsync("users consents withdraw (CLI)", acknowledged, probes);
    }

    [Test]
    public async Task A_removed_clients_own_token_and_its_users_tokens_are_refused_within_a_second()
    {
        var client = await RegisterShortLivedClientAsync();
        var clientToken = await OAuth.GetAccessTokenAsync(client, "scim " + TestSeed.OrdersRead);
        var user = await CreateUserAsync();
        var ordersToken = AccessToken(await UserTokensAsync(client, user, "openid " + TestSeed.OrdersRead));
        var mfaToken = AccessToken(await UserTokensAsync(client, user, TestSeed.MfaScopes));

        // The client cannot introspect once removed: its tokens for orders-api are introspected by the audience.
        TokenProbe[] probes =
        [
            TokenProbe.Introspection(Node, clientToken, TestSeed.OrdersApiClient),
            TokenProbe.Scim(Node, clientToken),
            TokenProbe.Introspection(Node, ordersToken, TestSeed.OrdersApiClient),
            TokenProbe.UserInfo(Node, ordersToken),
            TokenProbe.UserInfo(Node, mfaToken),
            TokenProbe.Mfa(Node, mfaToken),
        ];
        await TokenProbe.AssertAcceptedAsync(probes);

        var removed = await AuthExecutable.RunAsync(Server.Store, "clients", "remove", "--id", client.Id);
        var acknowledged = Propagation.Now();

        Assert.That(removed.ExitCode, Is.Zero, removed.Error);
        await Propagation.AssertRefusedWithinLimitAsync("clients remove (CLI)", acknowledged, probes);
    }

    [Test]
    public async Task A_changed_client_secret_refuses_the_tokens_issued_before_and_the_new_secret_gets_a_working_token()
    {
        var client = await RegisterShortLivedClientAsync(grantTypes: ["client_credentials"]);
        var before = await OAuth.GetAccessTokenAsync(client, "scim " + TestSeed.OrdersRead);
        TokenProbe[] probes = [TokenProbe.Introspection(Node, before, TestSeed.OrdersApiClient), TokenProbe.Scim(Node, before)];
        await TokenProbe.AssertAcceptedAsync(probes);
        var rotated = client with { Secret = "rotated-secret-" + Guid.NewGuid().ToString("N")[..12] };

        var seeded = await AuthExecutable.RunAsync(Server.Store, "seed", "--file", WriteSeed(rotated, ["client_credentials"]));
        var acknowledged = Propagation.Now();
        Assert.That(seeded.ExitCode, Is.Zero, seeded.Error);
        var times = await Propagation.MeasureAsync("client secret changed (CLI seed)", acknowledged, probes);

        // Cut-offs may be whole seconds (a JWT's iat is): a token asked for in the second of the change may be refused too.
        var wait = TimeSpan.FromMilliseconds(1100) - System.Diagnostics.Stopwatch.GetElapsedTime(acknowledged);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        using var oldSecret = await OAuth.RequestTokenAsync(client, "scim " + TestSeed.OrdersRead);
        var after = await OAuth.GetAccessTokenAsync(rotated, "scim " + TestSeed.OrdersRead);
        await TokenProbe.AssertAcceptedAsync([TokenProbe.Introspection(Node, after, TestSeed.OrdersApiClient), TokenProbe.Introspection(Node, after, rotated),
            TokenProbe.Scim(Node, after)], "when issued with the new secret after the change");
        Assert.Multiple(() =>
        {
            Assert.That(oldSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the old secret");
            Assert.That(Propagation.Late(times), Is.Empty,
                "the token issued before the change is still accepted a second after it");
        });
    }

    [Test]
    public async Task A_reused_refresh_token_has_every_access_token_of_its_family_refused_at_once()
    {
        var (_, tokens) = await SignedInTokensAsync("openid offline_access " + TestSeed.Mfa);
        using var rotation = await RefreshAsync(TestSeed.WebApp, RefreshToken(tokens));
        var rotated = await OAuthClient.ReadJsonAsync(rotation);
        Assert.That(rotation.StatusCode, Is.EqualTo(HttpStatusCode.OK), rotated.ToString());
        TokenProbe[] probes = [.. TokenProbe.OfUser(Node, AccessToken(tokens), TestSeed.WebApp), .. TokenProbe.OfUser(Node, AccessToken(rotated), TestSeed.WebApp)];
        await TokenProbe.AssertAcceptedAsync(probes);

        using var reuse = await RefreshAsync(TestSeed.WebApp, RefreshToken(tokens));
        var refusal = await OAuthClient.ReadJsonAsync(reuse);

        Assert.That(refusal.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        await TokenProbe.AssertRefusedAtOnceAsync(probes);
    }

    [Test]
    public async Task A_revoked_refresh_token_has_the_access_token_of_its_grant_refused_at_once()
    {
        var (_, tokens) = await SignedInTokensAsync("openid offline_access " + TestSeed.Mfa);
        var probes = TokenProbe.OfUser(Node, AccessToken(tokens), TestSeed.WebApp);
        await TokenProbe.AssertAcceptedAsync(probes);

        using var revoked = await OAuth.RevokeAsync(RefreshToken(tokens), TestSeed.WebApp, "refresh_token");

        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await TokenProbe.AssertRefusedAtOnceAsync(probes);
    }

    private static string AccessToken(JsonElement tokens) => tokens.GetProperty("access_token").GetString()!;

    private static string RefreshToken(JsonElement tokens) => tokens.GetProperty("refresh_token").GetString()!;

    private static string UserId(JsonElement tokens) => Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["sub"]!.GetValue<string>();

    private async Task<ScimClient> ProvisioningAsync() => new(Node, await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim"));

    /// <summary>A client of this test's own, so removing it or changing its secret touches no other test.</summary>
    private async Task<TestClient> RegisterShortLivedClientAsync(string[]? grantTypes = null)
    {
        var client = new TestClient("short-lived-" + Guid.NewGuid().ToString("N")[..8], "short-lived-secret-" + Guid.NewGuid().ToString("N")[..12]);
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(Definition(client, grantTypes ?? ["client_credentials", "authorization_code"])));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return client;
    }

    private static ClientDefinition Definition(TestClient client, string[] grantTypes) => new()
    {
        ClientId = client.Id,
        ClientSecret = client.Secret,
        GrantTypes = grantTypes,
        Scopes = grantTypes.Contains("authorization_code") ? ["openid", TestSeed.Mfa, "scim", TestSeed.OrdersRead] : ["scim", TestSeed.OrdersRead],
        RedirectUris = grantTypes.Contains("authorization_code") ? [ShortCallback] : [],
    };

    /// <summary>A seed file with the client alone, as an operator would apply with the seed verb.</summary>
    private string WriteSeed(TestClient client, string[] grantTypes)
    {
        var definition = Definition(client, grantTypes);
        var path = Path.Combine(Server.Store.DataDirectory, $"seed-{client.Id}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            clients = new[] { new { clientId = definition.ClientId, clientSecret = definition.ClientSecret, grantTypes = definition.GrantTypes, scopes = definition.Scopes } },
        }));
        return path;
    }

    private async Task<JsonElement> UserTokensAsync(TestClient client, string user, string scope)
    {
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, client.Id, ShortCallback, pkce, scope);
        return await RedeemForTokensAsync(client, code, ShortCallback, pkce.Verifier);
    }
}
