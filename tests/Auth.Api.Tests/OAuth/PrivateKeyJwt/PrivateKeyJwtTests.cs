using System.Net;
using System.Security.Cryptography;
using System.Text;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.OAuth.PrivateKeyJwt;

/// <summary>private_key_jwt client authentication (RFC 7523 §2.2, OpenID Connect Core §9) and the ways to break it.</summary>
public sealed class PrivateKeyJwtTests(StoreKind store) : ServerTest(store)
{
    private string Issuer => Server.BaseAddress.AbsoluteUri;

    private string TokenEndpoint => new Uri(Server.BaseAddress, "oauth/token").AbsoluteUri;

    [Test]
    public async Task Openid_client_gets_a_token_with_private_key_jwt_and_the_token_works()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);

        var tokens = await RelyingPartyScript.RunAsync("private-key-jwt.mjs", new
        {
            issuer = Issuer,
            clientId,
            privateJwk = ClientKeys.Members(keys.PrivateJwk),
            alg = "RS256",
            scope = TestSeed.OrdersRead,
        });
        var accessToken = tokens.GetProperty("access_token").GetString()!;

        Assert.Multiple(async () =>
        {
            Assert.That(Jwt.Payload(accessToken)["client_id"]!.GetValue<string>(), Is.EqualTo(clientId));
            Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.OrdersApiClient), Is.True);
        });
    }

    [Test]
    public async Task Discovery_advertises_private_key_jwt_with_asymmetric_algorithms()
    {
        var discovery = await OAuthClient.ReadJsonAsync(await Server.Client.GetAsync(".well-known/openid-configuration"));

        Assert.Multiple(() =>
        {
            Assert.That(Names(discovery, "token_endpoint_auth_methods_supported"), Does.Contain("private_key_jwt").And.Not.Contain("client_secret_jwt"));
            Assert.That(Names(discovery, "introspection_endpoint_auth_methods_supported"), Is.EqualTo(new[] { "client_secret_basic" }));
            Assert.That(Names(discovery, "revocation_endpoint_auth_methods_supported"), Is.EqualTo(new[] { "client_secret_basic" }));
            Assert.That(Names(discovery, "token_endpoint_auth_signing_alg_values_supported"), Does.Contain("RS256").And.Not.Contain("HS256").And.Not.Contain("none"));
        });
    }

    [Test]
    public async Task An_assertion_addressed_to_the_token_endpoint_is_accepted()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);

        using var response = await PostAssertionAsync(clientId, keys.Assertion(clientId, TokenEndpoint));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_assertion_addressed_to_the_pushed_authorization_endpoint_is_accepted()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);

        using var response = await PostAssertionAsync(clientId, keys.Assertion(clientId, new Uri(Server.BaseAddress, "oauth/par").AbsoluteUri));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "RFC 9126 §2: " + await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_assertion_without_a_client_id_beside_it_authenticates_the_client_it_names()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);

        using var response = await PostWithoutClientIdAsync(keys.Assertion(clientId, TokenEndpoint));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "RFC 7521 §4.2: client_id is optional; " + body);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString());
        Assert.That(token.GetClaim("client_id").Value, Is.EqualTo(clientId));
    }

    [TestCase("sub")]
    [TestCase("iss")]
    public async Task Without_a_client_id_an_assertion_whose_iss_and_sub_differ_is_refused(string claim)
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);
        var assertion = claim == "iss"
            ? keys.Assertion(clientId, TokenEndpoint, issuer: TestSeed.ServiceA.Id)
            : keys.Assertion(clientId, TokenEndpoint, subject: TestSeed.ServiceA.Id);

        await AssertInvalidClientAsync(await PostWithoutClientIdAsync(assertion));
    }

    [Test]
    public async Task The_same_assertion_is_accepted_once_also_on_another_node()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);
        var assertion = keys.Assertion(clientId, Issuer);

        using var first = await PostAssertionAsync(clientId, assertion);
        using var again = await PostAssertionAsync(clientId, assertion);
        var node = await StartNodeBesideAsync();
        using var onOtherNode = await node.Client.PostAsync("oauth/token", new FormUrlEncodedContent(ClientKeys.TokenForm(clientId, assertion, TestSeed.OrdersRead)));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        await AssertInvalidClientAsync(again);
        await AssertInvalidClientAsync(onOtherNode);
    }

    [Test]
    public async Task An_assertion_for_another_audience_is_refused()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);

        await AssertInvalidClientAsync(await PostAssertionAsync(clientId, keys.Assertion(clientId, "https://elsewhere.example/oauth/token")));
    }

    [Test]
    public async Task An_expired_assertion_is_refused()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);

        await AssertInvalidClientAsync(await PostAssertionAsync(clientId, keys.Assertion(clientId, Issuer, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-10))));
    }

    [Test]
    public async Task An_assertion_living_longer_than_five_minutes_is_refused()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);

        await AssertInvalidClientAsync(await PostAssertionAsync(clientId, keys.Assertion(clientId, Issuer, lifetime: TimeSpan.FromMinutes(30))));
    }

    [Test]
    public async Task An_assertion_signed_by_a_key_outside_the_clients_jwks_is_refused()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);
        var stranger = ClientKeys.Rsa();

        var assertion = keys.Assertion(clientId, Issuer, credentials: new SigningCredentials(
            new RsaSecurityKey(((RsaSecurityKey)stranger.SigningKey).Rsa) { KeyId = keys.PublicJwk.Kid }, SecurityAlgorithms.RsaSha256));

        await AssertInvalidClientAsync(await PostAssertionAsync(clientId, assertion));
    }

    [Test]
    public async Task An_unsigned_assertion_is_refused()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);
        var signed = keys.Assertion(clientId, Issuer).Split('.');
        var unsigned = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + signed[1] + ".";

        await AssertInvalidClientAsync(await PostAssertionAsync(clientId, unsigned));
    }

    [Test]
    public async Task An_assertion_signed_with_HS256_and_the_public_key_as_secret_is_refused()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);
        var secret = new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(keys.PublicJwk.N))) { KeyId = keys.PublicJwk.Kid };

        var assertion = keys.Assertion(clientId, Issuer, credentials: new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));

        await AssertInvalidClientAsync(await PostAssertionAsync(clientId, assertion));
    }

    [TestCase("iss")]
    [TestCase("sub")]
    public async Task An_assertion_naming_another_client_is_refused(string claim)
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);

        var assertion = claim == "iss"
            ? keys.Assertion(clientId, Issuer, issuer: TestSeed.ServiceA.Id)
            : keys.Assertion(clientId, Issuer, subject: TestSeed.ServiceA.Id);

        await AssertInvalidClientAsync(await PostAssertionAsync(clientId, assertion));
    }

    [Test]
    public async Task A_client_without_a_jwks_cannot_authenticate_with_an_assertion()
    {
        var keys = ClientKeys.Rsa();

        await AssertInvalidClientAsync(await PostAssertionAsync(TestSeed.ServiceA.Id, keys.Assertion(TestSeed.ServiceA.Id, Issuer)));
    }

    [Test]
    public async Task A_client_with_a_jwks_cannot_authenticate_with_a_secret()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterKeyClientAsync(keys);

        using var response = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(
            ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", "any-secret-at-all")));

        await AssertInvalidClientAsync(response);
    }

    internal static async Task AssertInvalidClientAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), body);
                Assert.That(body, Does.Contain("\"invalid_client\""));
            });
        }
    }

    private static List<string> Names(System.Text.Json.JsonElement document, string member) =>
        document.TryGetProperty(member, out var values) ? values.EnumerateArray().Select(v => v.GetString()!).ToList() : [];

    private Task<HttpResponseMessage> PostWithoutClientIdAsync(string assertion) =>
        Server.Client.PostAsync("oauth/token", new FormUrlEncodedContent(OAuthClient.Form(
            ("grant_type", "client_credentials"),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", assertion),
            ("scope", TestSeed.OrdersRead))));

    private Task<HttpResponseMessage> PostAssertionAsync(string clientId, string assertion) =>
        Server.Client.PostAsync("oauth/token", new FormUrlEncodedContent(ClientKeys.TokenForm(clientId, assertion, TestSeed.OrdersRead)));

    private async Task<string> RegisterKeyClientAsync(ClientKeys keys)
    {
        var clientId = "pkjwt-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
        {
            ClientId = clientId,
            Jwks = keys.Jwks,
            GrantTypes = ["client_credentials"],
            Scopes = [TestSeed.OrdersRead],
        }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return clientId;
    }
}

/// <summary>OAuth:PrivateKeyJwt false: not advertised, and an assertion from a client with keys is refused.</summary>
public sealed class PrivateKeyJwtSwitchedOffTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OAuth:PrivateKeyJwt"] = "false" };

    [Test]
    public async Task Discovery_does_not_advertise_it_and_an_assertion_is_refused()
    {
        var keys = ClientKeys.Rsa();
        var clientId = "pkjwt-off-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = Server.Services.CreateScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
            {
                ClientId = clientId,
                Jwks = keys.Jwks,
                GrantTypes = ["client_credentials"],
                Scopes = [TestSeed.OrdersRead],
            }));
            Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        }

        var discovery = await Server.Client.GetStringAsync(".well-known/openid-configuration");
        using var response = await Server.Client.PostAsync("oauth/token", new FormUrlEncodedContent(
            ClientKeys.TokenForm(clientId, keys.Assertion(clientId, Server.BaseAddress.AbsoluteUri), TestSeed.OrdersRead)));

        Assert.That(discovery, Does.Not.Contain("private_key_jwt"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized).Or.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
    }
}
