using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.OAuth;

/// <summary>RFC 7662 with Basic client authentication (RFC 6749 §2.3.1), and this service's ownership policy.</summary>
public sealed class IntrospectionTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task The_audience_sees_an_active_token_with_its_claims()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        var body = await OAuth.IntrospectAsync(token, TestSeed.OrdersApiClient);

        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(body.GetProperty("client_id").GetString(), Is.EqualTo(TestSeed.ServiceA.Id));
            Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo(TestSeed.OrdersRead));
            Assert.That(body.GetProperty("iss").GetString(), Is.EqualTo(Server.BaseAddress.AbsoluteUri));
            Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
        });
    }

    [Test]
    public async Task The_client_the_token_was_issued_to_sees_it_active()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        Assert.That(await OAuth.IsActiveAsync(token, TestSeed.ServiceA), Is.True);
    }

    [TestCase(TestSeed.OrdersRead)]
    [TestCase(null)]
    public async Task Another_client_learns_nothing_about_a_token_that_is_not_its_own(string? scope)
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, scope);

        var foreign = await OAuth.IntrospectAsync(token, TestSeed.ServiceB);
        var unknown = await OAuth.IntrospectAsync("not-a-token-at-all", TestSeed.ServiceB);

        Assert.That(foreign.GetRawText(), Is.EqualTo(unknown.GetRawText()));
        Assert.That(foreign.GetProperty("active").GetBoolean(), Is.False);
    }

    [TestCase("")]
    [TestCase("garbage")]
    [TestCase("eyJhbGciOiJSUzI1NiJ9.e30.")]
    [TestCase("a.b.c.d.e")]
    public async Task Unknown_and_malformed_tokens_are_inactive_not_errors(string token)
    {
        using var response = await OAuth.PostFormAsync("/oauth/introspect", OAuthClient.Form(("token", token)),
            OAuthClient.Basic(TestSeed.OrdersApiClient.Id, TestSeed.OrdersApiClient.Secret));
        var body = await OAuthClient.ReadJsonAsync(response);

        if (token.Length == 0)
        {
            // RFC 7662 §2.1: the token parameter is required.
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
            return;
        }

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("active").GetBoolean(), Is.False);
            Assert.That(body.EnumerateObject().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Introspection_without_client_authentication_is_refused_with_a_basic_challenge()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        using var response = await OAuth.PostFormAsync("/oauth/introspect", OAuthClient.Form(("token", token)));
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
            Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Basic"));
        });
    }

    [Test]
    public async Task Client_credentials_in_the_body_are_not_enough_for_introspection()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        using var response = await OAuth.PostFormAsync("/oauth/introspect", OAuthClient.Form(
            ("token", token), ("client_id", TestSeed.OrdersApiClient.Id), ("client_secret", TestSeed.OrdersApiClient.Secret)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_wrong_secret_on_introspection_is_invalid_client()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        using var response = await OAuth.PostFormAsync("/oauth/introspect", OAuthClient.Form(("token", token)),
            OAuthClient.Basic(TestSeed.OrdersApiClient.Id, "wrong-secret-value"));
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
            Assert.That(body.TryGetProperty("active", out _), Is.False);
        });
    }

    [Test]
    public async Task An_expired_token_is_inactive()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceB, TestSeed.OrdersRead);
        Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.True);

        Server.Clock.Advance(TimeSpan.FromSeconds(TestSeed.ServiceBLifetimeSeconds + 1));

        Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.False);
    }
}
