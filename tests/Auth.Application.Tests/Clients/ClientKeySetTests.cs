using System.Text.Json;
using Auth.Application.Clients;

namespace Auth.Application.Tests.Clients;

public sealed class ClientKeySetTests
{
    private const string PublicRsa = """{"kty":"RSA","kid":"k1","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}""";

    private static ClientDefinition WithKeys(string keys) => new()
    {
        ClientId = "reports",
        Jwks = JsonDocument.Parse($$"""{"keys":[{{keys}}]}""").RootElement.Clone(),
        GrantTypes = ["client_credentials"],
        Scopes = ["orders.read"],
    };

    [Test]
    public void A_client_with_public_keys_and_no_secret_is_valid() =>
        Assert.That(new ClientDefinitionValidator().Validate(WithKeys(PublicRsa)).IsValid, Is.True);

    [Test]
    public void A_jwks_holding_a_private_key_is_refused()
    {
        var result = new ClientDefinitionValidator().Validate(WithKeys(PublicRsa.Replace("\"e\":\"AQAB\"", "\"e\":\"AQAB\",\"d\":\"X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7dx5oo7GURknchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6NqXSzUvxT0_YSfqijwp3RTzlBaCxWp4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywbReAdYaMwFs9tv8d_cPVY3i07a3t8MN6TNwm0dSawm9v47UiCl3Sk5ZiG7xojPLu4sbg1U2jx4IBTNBznbJSzFHK66jT8bgkuqsk0GjskDJk19Z4qwjwbsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0Y6mqnOYtqc0X4jfcKoAC8Q\"", StringComparison.Ordinal)));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Errors.Select(e => e.ErrorMessage), Has.Some.Contains("public keys only"));
        });
    }

    [Test]
    public void A_jwks_holding_a_symmetric_key_is_refused()
    {
        var result = new ClientDefinitionValidator().Validate(WithKeys("""{"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Errors.Select(e => e.ErrorMessage), Has.Some.Contains("RSA or EC public keys only"));
        });
    }

    [Test]
    public void A_client_with_both_a_secret_and_keys_is_refused() =>
        Assert.That(new ClientDefinitionValidator().Validate(WithKeys(PublicRsa) with { ClientSecret = "a-long-enough-secret" }).IsValid, Is.False);

    [Test]
    public void A_jwks_without_keys_is_refused() =>
        Assert.That(ClientKeySet.Problem(JsonDocument.Parse("""{"keys":[]}""").RootElement), Is.Not.Null);

    [TestCase("""{"kty":"RSA","n":5,"e":"AQAB"}""")]
    [TestCase("""{"kty":"RSA","e":"AQAB"}""")]
    [TestCase("""{"kty":"RSA","n":"AA","e":"AQAB","x5c":"s"}""")]
    [TestCase("""{"kty":"EC"}""")]
    [TestCase("""{"kty":"EC","crv":"P-256","x":"AA","y":null}""")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""")]
    [TestCase("""{"kty":"RSA","n":"AA","e":"AQAB","kid":7}""")]
    public void A_key_the_assertion_checks_could_not_use_is_refused(string key) =>
        Assert.That(ClientKeySet.Problem(JsonDocument.Parse($$"""{"keys":[{{key}}]}""").RootElement), Is.Not.Null);

    [TestCase("https://reports.example/.well-known/jwks.json")]
    [TestCase("http://127.0.0.1:8080/jwks")]
    [TestCase("http://localhost/jwks")]
    [TestCase("http://[::1]:9000/jwks")]
    public void A_jwks_uri_over_https_or_loopback_http_is_valid(string uri) =>
        Assert.That(new ClientDefinitionValidator().Validate(WithJwksUri(uri)).IsValid, Is.True);

    [TestCase("http://reports.example/jwks")]
    [TestCase("https://reports.example/jwks#keys")]
    [TestCase("https://user:pass@reports.example/jwks")]
    [TestCase("/jwks")]
    [TestCase("reports.example/jwks")]
    [TestCase("file:///etc/jwks.json")]
    [TestCase("ftp://reports.example/jwks")]
    public void A_jwks_uri_that_is_not_https_or_has_a_fragment_is_refused(string uri) =>
        Assert.That(ClientKeySet.UriProblem(uri), Is.Not.Null);

    [Test]
    public void A_jwks_uri_beside_a_jwks_or_a_secret_is_refused()
    {
        Assert.That(new ClientDefinitionValidator().Validate(WithJwksUri("https://reports.example/jwks") with { ClientSecret = "a-long-enough-secret" }).IsValid, Is.False);
        Assert.That(new ClientDefinitionValidator().Validate(WithKeys(PublicRsa) with { JwksUri = "https://reports.example/jwks" }).IsValid, Is.False);
    }

    private static ClientDefinition WithJwksUri(string uri) => new()
    {
        ClientId = "reports",
        JwksUri = uri,
        GrantTypes = ["client_credentials"],
        Scopes = ["orders.read"],
    };
}
