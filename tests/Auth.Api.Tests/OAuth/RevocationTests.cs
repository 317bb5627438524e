using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// RFC 7009 with Basic client authentication (RFC 6749 §2.3.1); token storage makes revocation effective. Only the client a
/// token was issued to revokes it (§2.1); any other client, the token's audience included, is answered 200 and
/// revokes nothing.
/// </summary>
public sealed class RevocationTests(StoreKind store) : UserFlowTest(store)
{
    private const string UserScopes = "openid offline_access " + TestSeed.OrdersRead;

    [Test]
    public async Task A_revoked_access_token_introspects_inactive()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        using var response = await OAuth.RevokeAsync(token, TestSeed.ServiceA, "access_token");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.False);
            Assert.That(await OAuth.IsActiveAsync(token, TestSeed.ServiceA), Is.False);
        });
    }

    [Test]
    public async Task The_audience_may_introspect_but_not_revoke_a_clients_token()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        using var response = await OAuth.RevokeAsync(token, TestSeed.OrdersApiClient);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.True, "the audience still introspects it");
            Assert.That(await OAuth.IsActiveAsync(token, TestSeed.ServiceA), Is.True);
        });
    }

    [TestCase("OrdersApi")]
    [TestCase("ServiceB")]
    public async Task Another_client_cannot_revoke_a_users_access_token(string other)
    {
        var (_, tokens) = await SignedInTokensAsync(UserScopes);
        var accessToken = tokens.GetProperty("access_token").GetString()!;

        using var foreign = await OAuth.RevokeAsync(accessToken, OtherClient(other), "access_token");
        using var unknown = await OAuth.RevokeAsync("no-such-token", OtherClient(other), "access_token");

        Assert.Multiple(async () =>
        {
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.OK), "RFC 7009 §2.2: the caller is told nothing");
            Assert.That(await foreign.Content.ReadAsStringAsync(), Is.EqualTo(await unknown.Content.ReadAsStringAsync()));
            Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp), Is.True);
            Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.OrdersApiClient), Is.True);
        });
    }

    [TestCase("OrdersApi")]
    [TestCase("ServiceB")]
    public async Task Another_client_cannot_revoke_a_users_refresh_token(string other)
    {
        var (_, tokens) = await SignedInTokensAsync(UserScopes);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        using var foreign = await OAuth.RevokeAsync(refreshToken, OtherClient(other), "refresh_token");
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp), Is.True, "the grant's access token is not revoked either");

        using var refreshed = await RefreshAsync(TestSeed.WebApp, refreshToken);
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await refreshed.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_client_revokes_its_own_user_tokens()
    {
        var (_, tokens) = await SignedInTokensAsync(UserScopes);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        using var revokedAccess = await OAuth.RevokeAsync(accessToken, TestSeed.WebApp, "access_token");
        using var revokedRefresh = await OAuth.RevokeAsync(refreshToken, TestSeed.WebApp, "refresh_token");
        using var refreshed = await RefreshAsync(TestSeed.WebApp, refreshToken);

        Assert.Multiple(async () =>
        {
            Assert.That(revokedAccess.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(revokedRefresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp), Is.False);
            Assert.That(await OAuth.IsActiveAsync(refreshToken, TestSeed.WebApp), Is.False);
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    private static TestClient OtherClient(string name) => name == "OrdersApi" ? TestSeed.OrdersApiClient : TestSeed.ServiceB;

    [TestCase(TestSeed.OrdersRead)]
    [TestCase(null)]
    public async Task Another_client_revokes_nothing_and_is_told_nothing(string? scope)
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, scope);

        using var foreign = await OAuth.RevokeAsync(token, TestSeed.ServiceB);
        using var unknown = await OAuth.RevokeAsync("no-such-token", TestSeed.ServiceB);

        Assert.Multiple(async () =>
        {
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await foreign.Content.ReadAsStringAsync(), Is.EqualTo(await unknown.Content.ReadAsStringAsync()));
            Assert.That(await OAuth.IsActiveAsync(token, TestSeed.ServiceA), Is.True);
        });
    }

    [TestCase("no-such-token")]
    [TestCase("eyJhbGciOiJub25lIn0.e30.")]
    public async Task Revoking_an_unknown_token_returns_200(string token)
    {
        using var response = await OAuth.RevokeAsync(token, TestSeed.ServiceA);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Revocation_without_client_authentication_is_refused()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        using var response = await OAuth.PostFormAsync("/oauth/revoke", OAuthClient.Form(("token", token)));
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
            Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Basic"));
            Assert.That(await OAuth.IsActiveAsync(token, TestSeed.ServiceA), Is.True);
        });
    }

    [Test]
    public async Task Revocation_with_a_wrong_secret_revokes_nothing()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        using var response = await OAuth.PostFormAsync("/oauth/revoke", OAuthClient.Form(("token", token)),
            OAuthClient.Basic(TestSeed.ServiceA.Id, "wrong-secret-value"));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await OAuth.IsActiveAsync(token, TestSeed.ServiceA), Is.True);
        });
    }
}
