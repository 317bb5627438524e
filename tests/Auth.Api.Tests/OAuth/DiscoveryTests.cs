using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.OAuth;

public sealed class DiscoveryTests(StoreKind store) : ServerTest(store)
{
    [TestCase("/.well-known/openid-configuration")]
    [TestCase("/jwks.json")]
    public async Task Metadata_served_from_memory_is_the_same_response_as_the_first(string path)
    {
        using var first = await Server.Client.GetAsync(path);
        using var second = await Server.Client.GetAsync(path);
        using var withQuery = await Server.Client.GetAsync(path + "?x=1");

        Assert.Multiple(async () =>
        {
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.EqualTo(await first.Content.ReadAsByteArrayAsync()));
            Assert.That(await withQuery.Content.ReadAsByteArrayAsync(), Is.EqualTo(await first.Content.ReadAsByteArrayAsync()));
            Assert.That(second.Content.Headers.ContentType?.ToString(), Is.EqualTo(first.Content.Headers.ContentType?.ToString()));
            Assert.That(second.Content.Headers.ContentLength, Is.EqualTo(first.Content.Headers.ContentLength));
            Assert.That(second.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        });
    }

    [Test]
    public async Task Both_discovery_paths_serve_the_same_document()
    {
        var hyphen = await Server.Client.GetStringAsync("/.well-known/openid-configuration");
        var underscore = await Server.Client.GetStringAsync("/.well-known/openid_configuration");

        Assert.That(underscore, Is.EqualTo(hyphen));
    }

    [Test]
    public async Task Discovery_advertises_what_works_and_nothing_else()
    {
        var document = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration")).RootElement;
        var issuer = Server.BaseAddress.AbsoluteUri;

        Assert.Multiple(() =>
        {
            Assert.That(document.GetProperty("issuer").GetString(), Is.EqualTo(issuer));
            Assert.That(document.GetProperty("token_endpoint").GetString(), Is.EqualTo(issuer + "oauth/token"));
            Assert.That(document.GetProperty("introspection_endpoint").GetString(), Is.EqualTo(issuer + "oauth/introspect"));
            Assert.That(document.GetProperty("revocation_endpoint").GetString(), Is.EqualTo(issuer + "oauth/revoke"));
            Assert.That(document.GetProperty("jwks_uri").GetString(), Is.EqualTo(issuer + "jwks.json"));
            Assert.That(document.GetProperty("device_authorization_endpoint").GetString(), Is.EqualTo(issuer + "oauth/device"));
            Assert.That(Strings(document, "grant_types_supported"), Is.EquivalentTo(new[] { "authorization_code", "client_credentials", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange" }));
            Assert.That(Strings(document, "token_endpoint_auth_methods_supported"), Is.EquivalentTo(new[] { "client_secret_basic", "client_secret_post", "private_key_jwt", "none" }));
            Assert.That(Strings(document, "introspection_endpoint_auth_methods_supported"), Is.EquivalentTo(new[] { "client_secret_basic" }));
            Assert.That(Strings(document, "revocation_endpoint_auth_methods_supported"), Is.EquivalentTo(new[] { "client_secret_basic" }));
            Assert.That(document.GetProperty("authorization_endpoint").GetString(), Is.EqualTo(issuer + "oauth/authorize"));
            Assert.That(Strings(document, "id_token_signing_alg_values_supported"), Is.EqualTo(new[] { "RS256" }));
            Assert.That(Strings(document, "scopes_supported"), Is.SupersetOf(new[] { "openid", "profile", "email", "offline_access" }));
            Assert.That(Strings(document, "response_modes_supported"), Does.Not.Contain("fragment"), "no implicit or hybrid flow");
            Assert.That(Strings(document, "code_challenge_methods_supported"), Is.EqualTo(new[] { "S256" }));
        });
    }

    [Test]
    public async Task Forwarded_headers_cannot_change_what_discovery_says()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Add("X-Forwarded-Host", "evil.test");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("Forwarded", "host=evil.test;proto=https");
        using var response = await Server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(text, Does.Not.Contain("evil.test"));
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("issuer").GetString(), Is.EqualTo(Server.BaseAddress.AbsoluteUri));
        });
    }

    [Test]
    public async Task The_key_set_publishes_public_RSA_signing_keys_only()
    {
        var keys = (await Jwt.GetJwksAsync(Server.Client)).GetProperty("keys").EnumerateArray().ToList();

        Assert.That(keys, Is.Not.Empty);
        foreach (var key in keys)
        {
            var members = key.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(key.GetProperty("kty").GetString(), Is.EqualTo("RSA"));
                Assert.That(key.GetProperty("use").GetString(), Is.EqualTo("sig"));
                Assert.That(key.GetProperty("alg").GetString(), Is.EqualTo("RS256"));
                Assert.That(key.GetProperty("kid").GetString(), Is.Not.Empty);
                Assert.That(members, Has.None.AnyOf("d", "p", "q", "dp", "dq", "qi", "k"), "private or symmetric key material");
            });
        }
    }

    [TestCase("http://127.0.0.1:9/auth")]
    [TestCase("http://127.0.0.1:9/auth/")]
    [TestCase("http://127.0.0.1:9/realms/main")]
    public async Task An_issuer_with_a_path_keeps_every_address_under_it_with_or_without_a_final_slash(string issuer)
    {
        // As behind a proxy that serves the service under a path (Keycloak's issuers have no final slash).
        await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?> { ["OAuth:Issuer"] = issuer });
        var document = JsonDocument.Parse(await server.Client.GetStringAsync("/.well-known/openid-configuration")).RootElement;
        var addresses = document.EnumerateObject()
            .Where(p => p.Name.EndsWith("_endpoint", StringComparison.Ordinal) || p.Name == "jwks_uri")
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(document.GetProperty("issuer").GetString(), Is.EqualTo(issuer), "the issuer as configured");
            Assert.That(addresses, Has.Count.GreaterThanOrEqualTo(8));
            foreach (var (name, address) in addresses)
            {
                Assert.That(address, Does.StartWith(issuer.TrimEnd('/') + "/"), name);
            }

            Assert.That(addresses["token_endpoint"], Is.EqualTo(issuer.TrimEnd('/') + "/oauth/token"));
        });
    }

    [TestCase("/jwks.json")]
    [TestCase("/.well-known/openid-configuration")]
    public async Task Posting_to_a_metadata_endpoint_is_a_json_invalid_request(string path)
    {
        using var response = await Server.Client.PostAsync(path, new FormUrlEncodedContent([]));
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), "RFC 9110 §15.5.6, not OpenIddict's 400");
            Assert.That(response.Content.Headers.Allow, Is.EqualTo(new[] { "GET", "HEAD" }));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        });
    }

    [TestCase("/jwks.json")]
    [TestCase("/.well-known/openid-configuration")]
    [TestCase("/.well-known/openid_configuration")]
    public async Task Head_on_a_metadata_endpoint_is_its_get_without_the_content(string path)
    {
        using var get = await Server.Client.GetAsync(path);
        var length = (await get.Content.ReadAsByteArrayAsync()).Length;
        using var head = await Server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        var content = await head.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK), "RFC 9110 §9.3.2");
            Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo(get.Content.Headers.ContentType?.MediaType));
            Assert.That(content, Is.Empty, "no content");
            Assert.That(length, Is.GreaterThan(0));
        });
    }

    private static List<string?> Strings(JsonElement document, string name) =>
        document.GetProperty(name).EnumerateArray().Select(e => e.GetString()).ToList();
}
