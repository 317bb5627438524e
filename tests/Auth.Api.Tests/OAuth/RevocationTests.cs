using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.OAuth;

/// <summary>RFC 7009 with the spec's Basic client authentication; token storage makes revocation effective.</summary>
public sealed class RevocationTests(StoreKind store) : ServerTest(store)
{
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
    public async Task The_audience_may_revoke_a_token_issued_for_it()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        using var response = await OAuth.RevokeAsync(token, TestSeed.OrdersApiClient);

        Assert.That(await OAuth.IsActiveAsync(token, TestSeed.ServiceA), Is.False);
    }

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
