using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.OAuth.PrivateKeyJwt;
using Auth.Api.Tests.SignIn;
using Auth.Application.Clients;
using Auth.Application.Clients.Registration;
using Auth.Application.Ports;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth.Registration;

/// <summary>
/// Anyone may register a client here (ClientRegistration:Mode=Open), with a jwks_uri and request_uris: every way to aim
/// this server at its own network through them is tried — an address at registration, a name that resolves to
/// loopback, an operator's edit — and the client's web servers here on loopback count every request that reaches them.
/// </summary>
public sealed class SelfRegisteredClientUriTests(StoreKind store) : SelfRegisteredClientTest(store)
{
    [TestCase("request_uris", "http://127.0.0.1:9/ro.jwt")]
    [TestCase("request_uris", "http://[::1]:9/ro.jwt")]
    [TestCase("request_uris", "https://169.254.169.254/latest/meta-data")]
    [TestCase("request_uris", "https://10.0.0.5/ro.jwt")]
    [TestCase("jwks_uri", "https://192.168.1.10/jwks")]
    [TestCase("jwks_uri", "https://[fd00:ec2::254]/jwks")]
    [TestCase("backchannel_logout_uri", "http://127.0.0.1:9/logout")]
    [TestCase("frontchannel_logout_uri", "https://10.0.0.5/frontchannel")]
    public async Task A_uri_on_an_address_of_this_network_is_refused_at_registration(string member, string uri)
    {
        object value = member == "request_uris" ? new[] { uri } : uri;
        var keys = member == "jwks_uri" ? new (string, object)[] { ("token_endpoint_auth_method", "private_key_jwt") } : [];
        using var response = await RegisterAsync(Metadata([.. keys, (member, value)]));
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"));
            Assert.That(body.GetProperty("error_description").GetString(), Does.Contain("does not call"));
        });
    }

    [Test]
    public async Task Keys_inline_and_at_a_uri_are_not_both_taken()
    {
        using var response = await RegisterAsync(Metadata(
            ("token_endpoint_auth_method", "private_key_jwt"), ("jwks", ClientKeys.Rsa().Jwks), ("jwks_uri", "https://dyn.example/jwks")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await OAuthClient.ReadJsonAsync(response)).GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"));
    }

    [Test]
    public async Task A_request_uri_whose_name_resolves_to_loopback_is_never_fetched()
    {
        await using var objects = await RequestObjectHost.StartAsync();
        var byName = objects.UriOf("dyn").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var (clientId, _) = await RegisteredAsync(Metadata(("request_uris", new[] { byName })));
        objects.Publish("dyn", UnsignedObject(Claims(clientId, Pkce.Create())));

        using var browser = NewBrowser();
        using var refused = await browser.GetAsync(AuthorizeByReference(clientId, byName));

        await AssertRefusedOnThisServerAsync(refused, "invalid_request_uri", "did not serve a request object");
        Assert.That(objects.Fetches, Is.Zero);
    }

    [Test]
    public async Task A_jwks_uri_whose_name_resolves_to_loopback_is_never_fetched_and_the_client_is_refused()
    {
        await using var jwks = await JwksHost.StartAsync();
        var keys = ClientKeys.Rsa();
        jwks.Publish(keys);
        var (clientId, _) = await RegisteredAsync(Metadata(
            ("token_endpoint_auth_method", "private_key_jwt"), ("jwks_uri", jwks.JwksUri.Replace("127.0.0.1", "localhost", StringComparison.Ordinal))));

        using var token = await RedeemWithAssertionAsync(clientId, keys);
        var fetchesForTheStranger = jwks.Fetches;

        // The control: an operator's client with the same URI has its keys fetched from it.
        var operators = "ops-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = Server.Services.CreateScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
            {
                ClientId = operators,
                JwksUri = jwks.JwksUri.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
                GrantTypes = [ClientGrantTypes.AuthorizationCode],
                Scopes = ["openid"],
                RedirectUris = [TestSeed.WebAppCallback],
            }));
            Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        }

        using var operatorsToken = await RedeemWithAssertionAsync(operators, keys);

        Assert.Multiple(async () =>
        {
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await OAuthClient.ReadJsonAsync(token)).GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
            Assert.That(fetchesForTheStranger, Is.Zero);
            Assert.That(jwks.Fetches, Is.EqualTo(1), "the operator's client: the same name is fetched");
            Assert.That((await OAuthClient.ReadJsonAsync(operatorsToken)).GetProperty("error").GetString(), Is.EqualTo("invalid_grant"),
                "authenticated by the fetched keys, then refused for the made-up code");
        });
    }

    [Test]
    public async Task A_client_registered_before_the_mark_existed_is_marked_by_its_first_replacement()
    {
        await using var objects = await RequestObjectHost.StartAsync();
        var clientId = "dyn-legacy-" + Guid.NewGuid().ToString("N")[..8];
        string registrationToken;
        using (var scope = Server.Services.CreateScope())
        {
            // As an earlier version stored it: the client and its registration access token, without the mark.
            var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
            {
                ClientId = clientId,
                ClientSecret = "legacy-client-secret-0001",
                GrantTypes = [ClientGrantTypes.AuthorizationCode],
                Scopes = ["openid", "profile"],
                RedirectUris = [TestSeed.WebAppCallback],
                FirstParty = false,
            }));
            Assert.That(added.Succeeded, Is.True, added.Error?.Description);
            registrationToken = await scope.ServiceProvider.GetRequiredService<IRegistrationTokens>().IssueRegistrationAccessTokenAsync(
                clientId, new RegistrationAllowance(["openid", "profile"], [ClientGrantTypes.AuthorizationCode]), CancellationToken.None);
        }

        var byName = objects.UriOf("dyn").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        using var literal = await ReplaceAsync(clientId, registrationToken, Metadata(("client_id", clientId), ("request_uris", new[] { objects.UriOf("dyn") })));
        using var replaced = await ReplaceAsync(clientId, registrationToken, Metadata(("client_id", clientId), ("request_uris", new[] { byName })));
        objects.Publish("dyn", UnsignedObject(Claims(clientId, Pkce.Create())));
        using var browser = NewBrowser();
        using var refused = await browser.GetAsync(AuthorizeByReference(clientId, byName));
        using var after = Server.Services.CreateScope();
        var stored = (await after.ServiceProvider.GetRequiredService<ISender>().Send(new GetClient(clientId))).Value!;

        await AssertRefusedOnThisServerAsync(refused, "invalid_request_uri", "did not serve a request object");
        Assert.Multiple(async () =>
        {
            Assert.That(literal.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the guard's check at registration holds for a replacement");
            Assert.That((await OAuthClient.ReadJsonAsync(literal)).GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"));
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await OAuthClient.ReadJsonAsync(replaced)).ToString());
            Assert.That(stored.SelfRegistered, Is.True);
            Assert.That(objects.Fetches, Is.Zero);
        });
    }

    [Test]
    public async Task A_back_channel_logout_uri_whose_name_resolves_to_loopback_gets_nothing()
    {
        await using var receiver = new LogoutReceiver().Start();
        var byName = receiver.UriFor("self").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var (clientId, _) = await RegisteredAsync(Metadata(("backchannel_logout_uri", byName)));
        var user = await CreateUserAsync();
        await SignInAndConsentAsync(clientId, user);

        await DeactivateAsync(user);
        var tried = await Eventually.ReadAsync(() => NoticesAsync(clientId), n => n.Count == 1 && n[0].Attempts > 0, TimeSpan.FromSeconds(15));

        Assert.Multiple(() =>
        {
            Assert.That(tried[0].LastError, Does.StartWith("refused: localhost has no address"));
            Assert.That(receiver.Received, Is.Empty);
        });
    }

    [Test]
    public async Task An_operator_setting_a_loopback_request_uri_on_a_self_registered_client_does_not_lift_the_guard()
    {
        await using var objects = await RequestObjectHost.StartAsync();
        var (clientId, _) = await RegisteredAsync(Metadata());
        using (var scope = Server.Services.CreateScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var stored = (await sender.Send(new GetClient(clientId))).Value!;
            var updated = await sender.Send(new UpdateClient(new ClientDefinition
            {
                ClientId = clientId,
                DisplayName = stored.DisplayName,
                GrantTypes = stored.GrantTypes,
                Scopes = stored.Scopes,
                RedirectUris = stored.RedirectUris,
                FirstParty = false,
                RequestUris = [objects.UriOf("dyn")],
            }));
            Assert.That(updated.Succeeded, Is.True, updated.Error?.Description);
        }

        objects.Publish("dyn", UnsignedObject(Claims(clientId, Pkce.Create())));
        using var browser = NewBrowser();
        using var refused = await browser.GetAsync(AuthorizeByReference(clientId, objects.UriOf("dyn")));
        var shown = await AdminShownAsync(clientId);

        await AssertRefusedOnThisServerAsync(refused, "invalid_request_uri", "did not serve a request object");
        Assert.Multiple(() =>
        {
            Assert.That(objects.Fetches, Is.Zero, "the client registered itself: whoever set the URI, the guard stands");
            Assert.That(shown.GetProperty("self_registered").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task An_operators_client_is_not_self_registered_and_its_loopback_request_uri_is_fetched()
    {
        await using var objects = await RequestObjectHost.StartAsync();
        var clientId = await RegisterClientAsync(ClientKeys.Rsa(), confidentialSecret: "operator-client-secret-123", requestUris: [objects.UriOf("ops")]);
        objects.Publish("ops", UnsignedObject(Claims(clientId, Pkce.Create())));

        using var browser = NewBrowser();
        using var taken = await browser.GetAsync(AuthorizeByReference(clientId, objects.UriOf("ops")));
        var shown = await AdminShownAsync(clientId);

        AssertGoesToSignIn(taken);
        Assert.Multiple(() =>
        {
            Assert.That(objects.Fetches, Is.EqualTo(1));
            Assert.That(shown.GetProperty("self_registered").GetBoolean(), Is.False);
        });
    }

    private Task<HttpResponseMessage> RedeemWithAssertionAsync(string clientId, ClientKeys keys) =>
        OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(
            ("grant_type", "authorization_code"), ("code", "made-up"), ("redirect_uri", TestSeed.WebAppCallback), ("code_verifier", Pkce.Create().Verifier),
            ("client_id", clientId), ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", keys.Assertion(clientId, Issuer))));

    private async Task<HttpResponseMessage> ReplaceAsync(string clientId, string registrationToken, IDictionary<string, object> metadata)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/oauth/register/" + clientId) { Content = System.Net.Http.Json.JsonContent.Create(metadata) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", registrationToken);
        return await Server.Client.SendAsync(request);
    }

    /// <summary>The client as the admin API shows it.</summary>
    private async Task<System.Text.Json.JsonElement> AdminShownAsync(string clientId)
    {
        var api = new Admin.AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, Auth.Application.Admin.AdminScopes.ClientsRead));
        return (await api.GetAsync("/admin/v1/clients/" + clientId)).Body;
    }
}
