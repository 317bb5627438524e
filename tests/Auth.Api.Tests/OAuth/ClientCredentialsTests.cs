using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Auth.Api.Tests.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.OAuth;

public sealed class ClientCredentialsTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task Basic_authentication_returns_an_RS256_JWT_access_token_in_the_documented_shape()
    {
        using var response = await OAuth.RequestTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var body = await OAuthClient.ReadJsonAsync(response);
        var token = body.GetProperty("access_token").GetString()!;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
            Assert.That(body.GetProperty("expires_in").GetInt32(), Is.EqualTo(3600));
            Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo(TestSeed.OrdersRead));
            Assert.That(Jwt.Header(token)["alg"]!.GetValue<string>(), Is.EqualTo("RS256"));
            Assert.That(Jwt.Header(token)["typ"]!.GetValue<string>(), Is.EqualTo("at+jwt"));
            Assert.That(Jwt.Payload(token)["sub"]!.GetValue<string>(), Is.EqualTo(TestSeed.ServiceA.Id));
            Assert.That(Jwt.Payload(token)["client_id"]!.GetValue<string>(), Is.EqualTo(TestSeed.ServiceA.Id));
            Assert.That(Jwt.Payload(token)["aud"]!.GetValue<string>(), Is.EqualTo(TestSeed.OrdersApi));
        });
    }

    [Test]
    public async Task An_independent_JWT_library_validates_the_token_with_the_published_keys()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var jwks = new JsonWebKeySet((await Jwt.GetJwksAsync(Server.Client)).GetRawText());

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Server.BaseAddress.AbsoluteUri,
            ValidAudience = TestSeed.OrdersApi,
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            IssuerSigningKeys = jwks.GetSigningKeys(),
            TryAllIssuerSigningKeys = false,
        });

        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
    }

    [Test]
    public async Task Client_secret_post_is_accepted()
    {
        using var response = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(
            ("grant_type", "client_credentials"),
            ("client_id", TestSeed.ServiceA.Id),
            ("client_secret", TestSeed.ServiceA.Secret)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_client_can_have_its_own_access_token_lifetime()
    {
        using var response = await OAuth.RequestTokenAsync(TestSeed.ServiceB, TestSeed.OrdersRead);
        var body = await OAuthClient.ReadJsonAsync(response);
        var payload = Jwt.Payload(body.GetProperty("access_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("expires_in").GetInt32(), Is.EqualTo(TestSeed.ServiceBLifetimeSeconds));
            Assert.That(payload["exp"]!.GetValue<long>() - payload["iat"]!.GetValue<long>(), Is.EqualTo(TestSeed.ServiceBLifetimeSeconds));
        });
    }

    [Test]
    public async Task Basic_credentials_are_form_decoded_so_secrets_with_colon_plus_and_percent_work()
    {
        using var encoded = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(("grant_type", "client_credentials")),
            OAuthClient.Basic(TestSeed.OddSecret.Id, TestSeed.OddSecret.Secret));

        // Sent without the form-encoding step, '+' means a space and "%25" a single '%': a different secret.
        var raw = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestSeed.OddSecret.Id}:{TestSeed.OddSecret.Secret}")));
        using var unencoded = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(("grant_type", "client_credentials")), raw);

        Assert.Multiple(() =>
        {
            Assert.That(encoded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(unencoded.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    private static IEnumerable<TestCaseData> FailedClientAuthentications()
    {
        yield return new TestCaseData("wrong secret", OAuthClient.Form(("grant_type", "client_credentials")), OAuthClient.Basic(TestSeed.ServiceA.Id, "not-the-secret"));
        yield return new TestCaseData("unknown client", OAuthClient.Form(("grant_type", "client_credentials")), OAuthClient.Basic("no-such-client", "whatever-secret"));
        yield return new TestCaseData("missing secret", OAuthClient.Form(("grant_type", "client_credentials"), ("client_id", TestSeed.ServiceA.Id)), null);
        yield return new TestCaseData("unknown client, post", OAuthClient.Form(("grant_type", "client_credentials"), ("client_id", "no-such-client"), ("client_secret", "x-secret")), null);
        yield return new TestCaseData("wrong secret, post", OAuthClient.Form(("grant_type", "client_credentials"), ("client_id", TestSeed.ServiceA.Id), ("client_secret", "x-secret")), null);
        // RFC 6749 §5.2: "no client authentication included" is invalid_client too.
        yield return new TestCaseData("no client authentication", OAuthClient.Form(("grant_type", "client_credentials")), null);
        yield return new TestCaseData("empty basic credentials", OAuthClient.Form(("grant_type", "client_credentials")), new AuthenticationHeaderValue("Basic", "Og=="));
        yield return new TestCaseData("no client, code grant", OAuthClient.Form(("grant_type", "authorization_code"), ("code", "abc"), ("redirect_uri", TestSeed.WebAppCallback)), null);
        yield return new TestCaseData("no client, refresh grant", OAuthClient.Form(("grant_type", "refresh_token"), ("refresh_token", "abc")), null);
    }

    [TestCaseSource(nameof(FailedClientAuthentications))]
    public async Task Every_failed_client_authentication_gets_the_same_401_invalid_client(
        string failure, List<KeyValuePair<string, string>> form, AuthenticationHeaderValue? authorization)
    {
        using var response = await OAuth.PostFormAsync("/oauth/token", form, authorization);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), failure);
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
            Assert.That(body.GetProperty("error_description").GetString(), Is.EqualTo("Client authentication failed."));
            Assert.That(body.TryGetProperty("error_uri", out _), Is.False);
            Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Basic"));
        });
    }

    /// <summary>
    /// Interleaved samples of the three failures; without the equalizing handler an unknown client answers several
    /// times faster than a wrong secret (no PBKDF2 run), which tells an attacker which client ids exist.
    /// </summary>
    [Test]
    public async Task Unknown_client_wrong_secret_and_missing_secret_take_indistinguishable_time()
    {
        var cases = FailedClientAuthentications().Take(3).Select(c => (Form: (List<KeyValuePair<string, string>>)c.Arguments[1]!, Auth: (AuthenticationHeaderValue?)c.Arguments[2])).ToArray();
        await ResponseTimes.AssertIndistinguishableAsync(
            ["wrong secret", "unknown client", "missing secret"],
            kind => ResponseTimes.TimeAsync(async () =>
            {
                using var response = await OAuth.PostFormAsync("/oauth/token", cases[kind].Form, cases[kind].Auth);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            }),
            rounds: 40,
            bound: 1.6);
    }

    [Test]
    public async Task A_scope_the_client_may_not_have_gets_invalid_scope()
    {
        using var response = await OAuth.RequestTokenAsync(TestSeed.ServiceB, TestSeed.OrdersWrite);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_scope"));
        });
    }

    [Test]
    public async Task An_unregistered_scope_gets_invalid_scope()
    {
        using var response = await OAuth.RequestTokenAsync(TestSeed.ServiceA, "admin.everything");
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_scope"));
    }

    [TestCase("password")]
    [TestCase("urn:ietf:params:oauth:grant-type:jwt-bearer")]
    [TestCase("urn:ietf:params:oauth:grant-type:saml2-bearer")]
    [TestCase("implicit")]
    public async Task Grants_that_are_not_enabled_get_unsupported_grant_type(string grantType)
    {
        using var response = await OAuth.PostFormAsync("/oauth/token",
            OAuthClient.Form(("grant_type", grantType), ("username", "alice"), ("password", "alice-password-1"), ("code", "x")),
            OAuthClient.Basic(TestSeed.ServiceA.Id, TestSeed.ServiceA.Secret));
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("unsupported_grant_type"));
        });
    }

    [Test]
    public async Task A_missing_grant_type_is_invalid_request()
    {
        using var response = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(("scope", TestSeed.OrdersRead)),
            OAuthClient.Basic(TestSeed.ServiceA.Id, TestSeed.ServiceA.Secret));
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
    }

    [TestCase("grant_type")]
    [TestCase("scope")]
    [TestCase("client_id")]
    public async Task A_parameter_sent_twice_is_refused(string parameter)
    {
        var form = OAuthClient.Form(("grant_type", "client_credentials"), ("client_id", TestSeed.ServiceA.Id), ("client_secret", TestSeed.ServiceA.Secret), ("scope", TestSeed.OrdersRead));
        form.Add(new(parameter, form.First(p => p.Key == parameter).Value));

        using var response = await OAuth.PostFormAsync("/oauth/token", form);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
            Assert.That(body.GetProperty("error_description").GetString(), Does.Contain(parameter));
        });
    }

    [Test]
    public async Task A_json_body_is_refused_with_invalid_request()
    {
        using var response = await Server.Client.PostAsync("/oauth/token",
            new StringContent("""{"grant_type":"client_credentials"}""", Encoding.UTF8, "application/json"));
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        });
    }

    [TestCase("grant_type", "client_credentials\r\nX-Injected: 1")]
    [TestCase("scope", "orders.read\r\n\tinjected")]
    [TestCase("client_id", "svc\r\nx")]
    [TestCase("grant_type", "\t")]
    public async Task Error_descriptions_never_contain_line_breaks_or_tabs(string parameter, string value)
    {
        var form = OAuthClient.Form(("grant_type", "client_credentials"), ("client_id", TestSeed.ServiceA.Id), ("client_secret", TestSeed.ServiceA.Secret), ("scope", TestSeed.OrdersRead));
        form[form.FindIndex(p => p.Key == parameter)] = new(parameter, value);

        using var response = await OAuth.PostFormAsync("/oauth/token", form);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.InRange(400, 401));
            Assert.That(body.GetProperty("error_description").GetString(), Does.Match("^[\\x20-\\x7E]*$"));
            Assert.That(response.Headers.Contains("X-Injected"), Is.False);
        });
    }

    [Test]
    public async Task Forwarded_headers_cannot_change_the_issuer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(OAuthClient.Form(("grant_type", "client_credentials"))),
        };
        request.Headers.Authorization = OAuthClient.Basic(TestSeed.ServiceA.Id, TestSeed.ServiceA.Secret);
        request.Headers.Add("X-Forwarded-Host", "evil.test");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await Server.Client.SendAsync(request);
        var token = (await OAuthClient.ReadJsonAsync(response)).GetProperty("access_token").GetString()!;

        Assert.That(Jwt.Payload(token)["iss"]!.GetValue<string>(), Is.EqualTo(Server.BaseAddress.AbsoluteUri));
    }
}
