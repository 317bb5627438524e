using System.Net;
using Auth.Api.Tests.Admin;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Application.Behaviours;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth.PrivateKeyJwt;

/// <summary>
/// private_key_jwt with the client's keys at a jwks_uri (RFC 7591 §2) served by the client's own loopback web server:
/// fetched, kept, fetched again for a rotated key but not for every made-up kid, and refused (401 invalid_client) when
/// the URI fails in any way.
/// </summary>
public sealed class JwksUriTests(StoreKind store) : ServerTest(store)
{
    private JwksHost _host = null!;

    private string Issuer => Server.BaseAddress.AbsoluteUri;

    [SetUp]
    public async Task StartClientServerAsync() => _host = await JwksHost.StartAsync();

    [TearDown]
    public async Task StopClientServerAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Openid_client_authenticates_with_a_key_published_at_the_jwks_uri()
    {
        var keys = ClientKeys.Rsa();
        _host.Publish(keys);
        var clientId = await RegisterAsync(_host.JwksUri);

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
            Assert.That(_host.Fetches, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_keys_are_kept_between_assertions()
    {
        var keys = ClientKeys.Rsa();
        _host.Publish(keys);
        var clientId = await RegisterAsync(_host.JwksUri);

        using var first = await PostAssertionAsync(clientId, keys.Assertion(clientId, Issuer));
        using var second = await PostAssertionAsync(clientId, keys.Assertion(clientId, Issuer));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), await second.Content.ReadAsStringAsync());
        Assert.That(_host.Fetches, Is.EqualTo(1));
    }

    [Test]
    public async Task A_key_rotated_at_the_jwks_uri_is_fetched_when_an_assertion_names_its_kid()
    {
        var old = ClientKeys.Rsa();
        _host.Publish(old);
        var clientId = await RegisterAsync(_host.JwksUri);
        using var before = await PostAssertionAsync(clientId, old.Assertion(clientId, Issuer));

        var rotated = ClientKeys.Rsa();
        _host.Publish(rotated);
        Server.Clock.Advance(TimeSpan.FromSeconds(31));
        using var after = await PostAssertionAsync(clientId, rotated.Assertion(clientId, Issuer));

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), await before.Content.ReadAsStringAsync());
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), await after.Content.ReadAsStringAsync());
        Assert.That(_host.Fetches, Is.EqualTo(2));
    }

    [Test]
    public async Task Made_up_kids_make_the_server_fetch_at_most_once_per_30_seconds()
    {
        var keys = ClientKeys.Rsa();
        _host.Publish(keys);
        var clientId = await RegisterAsync(_host.JwksUri);
        using var accepted = await PostAssertionAsync(clientId, keys.Assertion(clientId, Issuer));

        for (var i = 0; i < 5; i++)
        {
            await PrivateKeyJwtTests.AssertInvalidClientAsync(await PostAssertionAsync(clientId, ClientKeys.Rsa().Assertion(clientId, Issuer)));
        }

        var withinInterval = _host.Fetches;
        Server.Clock.Advance(TimeSpan.FromSeconds(31));
        for (var i = 0; i < 5; i++)
        {
            await PrivateKeyJwtTests.AssertInvalidClientAsync(await PostAssertionAsync(clientId, ClientKeys.Rsa().Assertion(clientId, Issuer)));
        }

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
        Assert.That(withinInterval, Is.EqualTo(1), "no fetch for unknown kids within 30 s of the last");
        Assert.That(_host.Fetches, Is.EqualTo(2), "one fetch for the first unknown kid after 30 s, none for the next");
    }

    [Test]
    public async Task A_jwks_uri_that_is_down_refuses_the_assertion_with_invalid_client()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterAsync($"http://127.0.0.1:{LoopbackPorts.Next()}/jwks");

        await PrivateKeyJwtTests.AssertInvalidClientAsync(await PostAssertionAsync(clientId, keys.Assertion(clientId, Issuer)));
    }

    [TestCase("garbage")]
    [TestCase("too-big")]
    [TestCase("error-status")]
    [TestCase("private-key")]
    [TestCase("symmetric-key")]
    [TestCase("redirect")]
    public async Task A_jwks_uri_that_serves_no_usable_key_set_refuses_the_assertion_with_invalid_client(string failure)
    {
        var keys = ClientKeys.Rsa();
        _host.Publish(keys);
        var uri = _host.JwksUri;
        switch (failure)
        {
            case "garbage":
                _host.Body = "<html>not a key set</html>";
                break;
            case "too-big":
                // The key set, then 64 KB of white space: valid JSON, too large.
                _host.Body = _host.Body + new string(' ', 64 * 1024);
                break;
            case "error-status":
                _host.Status = 500;
                break;
            case "private-key":
                _host.Body = System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { ClientKeys.Members(keys.PrivateJwk) } });
                break;
            case "symmetric-key":
                _host.Body = """{"keys":[{"kty":"oct","kid":"k1","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"}]}""";
                break;
            case "redirect":
                uri = _host.RedirectingUri;
                break;
        }

        var clientId = await RegisterAsync(uri);

        await PrivateKeyJwtTests.AssertInvalidClientAsync(await PostAssertionAsync(clientId, keys.Assertion(clientId, Issuer)));
        Assert.That(_host.Fetches, Is.EqualTo(1), "asked once; a redirect is not followed");
    }

    [Test]
    public async Task An_assertion_signed_by_a_key_outside_the_published_set_is_refused()
    {
        var keys = ClientKeys.Rsa();
        _host.Publish(keys);
        var clientId = await RegisterAsync(_host.JwksUri);
        var stranger = ClientKeys.Rsa();

        var assertion = keys.Assertion(clientId, Issuer, credentials: new Microsoft.IdentityModel.Tokens.SigningCredentials(
            new Microsoft.IdentityModel.Tokens.RsaSecurityKey(((Microsoft.IdentityModel.Tokens.RsaSecurityKey)stranger.SigningKey).Rsa) { KeyId = keys.PublicJwk.Kid },
            Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256));

        await PrivateKeyJwtTests.AssertInvalidClientAsync(await PostAssertionAsync(clientId, assertion));
    }

    [Test]
    public async Task A_client_with_a_jwks_uri_cannot_authenticate_with_a_secret()
    {
        _host.Publish(ClientKeys.Rsa());
        var clientId = await RegisterAsync(_host.JwksUri);

        await PrivateKeyJwtTests.AssertInvalidClientAsync(await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(
            ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", "any-secret-at-all"))));
    }

    [TestCase("http://jwks.example/keys", "http only on the loopback interface")]
    [TestCase("ftp://jwks.example/keys", "http only on the loopback interface")]
    [TestCase("https://jwks.example/keys#frag", "no fragment")]
    [TestCase("/keys", "absolute https URI")]
    [TestCase("jwks.example/keys", "absolute https URI")]
    public async Task A_jwks_uri_that_is_not_https_or_loopback_http_or_has_a_fragment_is_refused(string uri, string message)
    {
        var refused = Assert.ThrowsAsync<RequestValidationException>(() => SendAsync(new RegisterClient(Definition("bad-uri-" + Guid.NewGuid().ToString("N")[..8], uri))));

        Assert.That(refused!.Message, Does.Contain(message));
    }

    [Test]
    public async Task A_jwks_uri_is_refused_beside_a_jwks_or_a_secret()
    {
        var withJwks = Assert.ThrowsAsync<RequestValidationException>(() => SendAsync(new RegisterClient(Definition("both-" + Guid.NewGuid().ToString("N")[..8], "https://jwks.example/keys") with
        {
            Jwks = ClientKeys.Rsa().Jwks,
        })));
        var withSecret = Assert.ThrowsAsync<RequestValidationException>(() => SendAsync(new RegisterClient(Definition("both-" + Guid.NewGuid().ToString("N")[..8], "https://jwks.example/keys") with
        {
            ClientSecret = "a-secret-of-some-length",
        })));

        Assert.That(withJwks!.Message, Does.Contain("a jwks or a jwksUri, not both"));
        Assert.That(withSecret!.Message, Does.Contain("a client secret or a jwksUri, not both"));
    }

    [Test]
    public async Task The_admin_api_and_the_command_line_set_and_show_the_jwks_uri_and_refuse_a_plain_http_one()
    {
        var keys = ClientKeys.Rsa();
        _host.Publish(keys);
        var api = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{AdminScopes.ClientsRead} {AdminScopes.ClientsWrite}"));
        var id = "jwks-uri-api-" + Guid.NewGuid().ToString("N")[..8];
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new
        {
            client_id = id,
            grant_types = new[] { "client_credentials" },
            scopes = new[] { TestSeed.OrdersRead },
            jwks_uri = _host.JwksUri,
        });
        var read = await api.GetAsync("/admin/v1/clients/" + id);
        var refused = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new
        {
            client_id = id + "-http",
            grant_types = new[] { "client_credentials" },
            jwks_uri = "http://jwks.example/keys",
        });
        using var token = await PostAssertionAsync(id, keys.Assertion(id, Issuer));

        var cliId = "jwks-uri-cli-" + Guid.NewGuid().ToString("N")[..8];
        var added = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", cliId, "--grant", "client_credentials",
            "--scope", TestSeed.OrdersRead, "--jwks-uri", _host.JwksUri);
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", cliId);

        Assert.Multiple(async () =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
            Assert.That(created.Body.TryGetProperty("client_secret", out _), Is.False, "no secret is generated for a client with keys");
            Assert.That(created.Body.GetProperty("confidential").GetBoolean(), Is.True);
            Assert.That(read.Body.GetProperty("jwks_uri").GetString(), Is.EqualTo(_host.JwksUri));
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest), refused.Text);
            Assert.That(refused.Text, Does.Contain("http only on the loopback interface"));
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), await token.Content.ReadAsStringAsync());
            Assert.That(added.ExitCode, Is.Zero, added.Error);
            Assert.That(shown.Output, Does.Contain("jwksUri\t" + _host.JwksUri));
            Assert.That(shown.Output, Does.Contain("clientType\tconfidential"));
        });
    }

    [Test]
    public async Task The_seed_file_sets_a_jwks_uri_and_refuses_a_plain_http_one_beside_a_jwks()
    {
        var keys = ClientKeys.Rsa();
        _host.Publish(keys);
        var id = "jwks-uri-seed-" + Guid.NewGuid().ToString("N")[..8];

        var seeded = await SeedAsync(new { clientId = id, jwksUri = _host.JwksUri, grantTypes = new[] { "client_credentials" }, scopes = new[] { TestSeed.OrdersRead } });
        using var token = await PostAssertionAsync(id, keys.Assertion(id, Issuer));
        var refused = await SeedAsync(new
        {
            clientId = id + "-bad",
            jwksUri = "http://jwks.example/keys",
            jwks = keys.Jwks,
            grantTypes = new[] { "client_credentials" },
            scopes = new[] { TestSeed.OrdersRead },
        });

        Assert.Multiple(async () =>
        {
            Assert.That(seeded.ExitCode, Is.Zero, seeded.Error);
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), await token.Content.ReadAsStringAsync());
            Assert.That(refused.ExitCode, Is.EqualTo(1), refused.Output);
            Assert.That(refused.Error, Does.Contain("http only on the loopback interface").And.Contain("a jwks or a jwksUri, not both"));
        });
    }

    private Task<AuthExecutable.Outcome> SeedAsync(object client)
    {
        var path = Path.Combine(Server.Store.DataDirectory, $"seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { clients = new[] { client } }));
        return AuthExecutable.RunAsync(Server.Store, "seed", "--file", path);
    }

    private static ClientDefinition Definition(string clientId, string jwksUri) => new()
    {
        ClientId = clientId,
        JwksUri = jwksUri,
        GrantTypes = ["client_credentials"],
        Scopes = [TestSeed.OrdersRead],
    };

    [Test]
    public async Task A_callers_tracestate_and_baggage_do_not_go_on_to_the_clients_key_server()
    {
        // Rule 139: the caller's traceparent sets the trace (and the correlation id); what else it sends stays here.
        var keys = ClientKeys.Rsa();
        _host.Publish(keys);
        var clientId = await RegisterAsync(_host.JwksUri);
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent(ClientKeys.TokenForm(clientId, keys.Assertion(clientId, Issuer), TestSeed.OrdersRead)),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        request.Headers.Add("tracestate", "vendor=caller-state-7f3a");
        request.Headers.Add("baggage", "user=caller-baggage-9c1d");

        using var response = await Server.Client.SendAsync(request);

        var headers = _host.LastHeaders;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(headers, Is.Not.Null, "the key set was fetched within the token request");
            Assert.That(headers!["traceparent"].ToString(), Does.StartWith($"00-{traceId}-"), "the fetch is part of the caller's trace");
            Assert.That(headers.ContainsKey("tracestate"), Is.False, headers["tracestate"].ToString());
            Assert.That(headers.ContainsKey("baggage"), Is.False, headers["baggage"].ToString());
            Assert.That(string.Join('\n', headers.Select(h => h.Value.ToString())), Does.Not.Contain("caller-state").And.Not.Contain("caller-baggage"));
        });
    }

    private Task<HttpResponseMessage> PostAssertionAsync(string clientId, string assertion) =>
        Server.Client.PostAsync("oauth/token", new FormUrlEncodedContent(ClientKeys.TokenForm(clientId, assertion, TestSeed.OrdersRead)));

    private async Task<string> RegisterAsync(string jwksUri)
    {
        var clientId = "jwks-uri-" + Guid.NewGuid().ToString("N")[..8];
        var added = await SendAsync(new RegisterClient(Definition(clientId, jwksUri)));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return clientId;
    }

    private async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }
}
