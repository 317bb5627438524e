using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Admin;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Application.Clients;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// Pushed authorization requests (RFC 9126): a real client (openid-client) through the whole flow, and the attacks on
/// a request_uri — replay, another client's, expired — and on a client that must push.
/// </summary>
public sealed class PushedAuthorizationRequestTests(StoreKind store) : UserFlowTest(store)
{
    private const string Scope = "openid profile";

    [Test]
    public async Task Openid_client_pushes_the_request_signs_the_user_in_and_redeems_the_code()
    {
        var user = await CreateUserAsync();
        var start = await StartAsync(TestSeed.WebApp.Id, TestSeed.WebApp.Secret, TestSeed.WebAppCallback);
        var authorizationUrl = new Uri(start.GetProperty("authorizationUrl").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(start.GetProperty("pushedAuthorizationRequestEndpoint").GetString(), Is.EqualTo(Server.BaseAddress + "oauth/par"));
            Assert.That(QueryHelpers.ParseQuery(authorizationUrl.Query).Keys, Is.EquivalentTo(new[] { "client_id", "request_uri" }),
                "the browser carries the client_id and request_uri alone");
        });

        using var browser = NewBrowser();
        var callback = await SignInThroughAsync(browser, authorizationUrl.PathAndQuery, user);
        Assert.That(callback.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await callback.Content.ReadAsStringAsync());

        var finish = await RelyingPartyScript.RunAsync("code-flow.mjs", Argument("finish", TestSeed.WebApp.Id, TestSeed.WebApp.Secret, TestSeed.WebAppCallback, new
        {
            callbackUrl = callback.Headers.Location!.AbsoluteUri,
            codeVerifier = start.GetProperty("codeVerifier").GetString(),
            state = start.GetProperty("state").GetString(),
            nonce = start.GetProperty("nonce").GetString(),
        }));
        Assert.Multiple(() =>
        {
            Assert.That(finish.GetProperty("claims").GetProperty("preferred_username").GetString(), Is.EqualTo(user));
            Assert.That(finish.GetProperty("claims").GetProperty("aud").GetString(), Is.EqualTo(TestSeed.WebApp.Id));
            Assert.That(finish.GetProperty("tokens").GetProperty("access_token").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Discovery_advertises_the_endpoint_and_that_pushing_is_not_required_of_every_client()
    {
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));

        Assert.Multiple(() =>
        {
            Assert.That(discovery.RootElement.GetProperty("pushed_authorization_request_endpoint").GetString(), Is.EqualTo(Server.BaseAddress + "oauth/par"));
            Assert.That(discovery.RootElement.GetProperty("require_pushed_authorization_requests").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task A_public_client_pushes_with_its_client_id_and_pkce()
    {
        var user = await CreateUserAsync();
        var start = await StartAsync(TestSeed.SpaId, secret: null, TestSeed.SpaCallback);
        using var browser = NewBrowser();
        var callback = await SignInThroughAsync(browser, new Uri(start.GetProperty("authorizationUrl").GetString()!).PathAndQuery, user);

        Assert.That(CallbackParameters(callback, TestSeed.SpaCallback), Does.ContainKey("code"));
    }

    [Test]
    public async Task A_request_uri_is_spent_once_the_code_is_issued()
    {
        var user = await CreateUserAsync();
        var requestUri = await PushAsync(TestSeed.WebApp, TestSeed.WebAppCallback);
        using var browser = NewBrowser();
        var url = PushedAuthorizeUrl(TestSeed.WebApp.Id, requestUri);
        var first = await SignInThroughAsync(browser, url, user);
        Assert.That(CallbackParameters(first, TestSeed.WebAppCallback), Does.ContainKey("code"));

        // The same browser, still signed in, replays the request_uri: no second code.
        using var replay = await browser.GetAsync(url);
        await AssertRefusedOnThisServerAsync(replay);
    }

    [Test]
    public async Task A_request_uri_survives_the_sign_in_round_trip_but_not_its_lifetime()
    {
        var user = await CreateUserAsync();
        var requestUri = await PushAsync(TestSeed.WebApp, TestSeed.WebAppCallback);
        using var browser = NewBrowser();
        var challenge = await browser.GetAsync(PushedAuthorizeUrl(TestSeed.WebApp.Id, requestUri));
        Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        // Five minutes (OAuth:PushedAuthorizationRequestLifetime) and a second later, the sign-in comes back too late.
        Server.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var signedIn = await browser.SignInAsync(challenge, user, Password);
        var end = await browser.FollowLocalRedirectsAsync(signedIn);
        await AssertRefusedOnThisServerAsync(end);
    }

    [Test]
    public async Task Another_client_cannot_use_a_request_uri()
    {
        var user = await CreateUserAsync();
        var requestUri = await PushAsync(TestSeed.WebApp, TestSeed.WebAppCallback);
        using var browser = NewBrowser();

        // RFC 9126 §4: the request_uri is bound to the client that pushed it.
        using var response = await browser.GetAsync(PushedAuthorizeUrl(TestSeed.SpaId, requestUri));
        await AssertRefusedOnThisServerAsync(response, "invalid_request");

        // Still the pusher's: another client's attempt did not spend it.
        var callback = await SignInThroughAsync(browser, PushedAuthorizeUrl(TestSeed.WebApp.Id, requestUri), user);
        Assert.That(CallbackParameters(callback, TestSeed.WebAppCallback), Does.ContainKey("code"));
    }

    [Test]
    public async Task A_made_up_request_uri_is_refused()
    {
        using var browser = NewBrowser();
        using var response = await browser.GetAsync(PushedAuthorizeUrl(TestSeed.WebApp.Id, "urn:ietf:params:oauth:request_uri:made-up"));
        await AssertRefusedOnThisServerAsync(response);

        // Not a pushed request's, and not one the client registered to publish request objects at (RequestUriTests): not fetched.
        using var foreign = await browser.GetAsync(PushedAuthorizeUrl(TestSeed.WebApp.Id, "https://attacker.example/request.jwt"));
        await AssertRefusedOnThisServerAsync(foreign, "invalid_request_uri");
    }

    [Test]
    public async Task A_made_up_request_uri_is_refused_on_this_servers_page_even_beside_the_clients_redirect_uri()
    {
        using var browser = NewBrowser();
        var url = QueryHelpers.AddQueryString(PushedAuthorizeUrl(TestSeed.WebApp.Id, "urn:ietf:params:oauth:request_uri:made-up"),
            new Dictionary<string, string?> { ["redirect_uri"] = TestSeed.WebAppCallback, ["state"] = "outer-state" });
        using var response = await browser.GetAsync(url);

        // What the URL adds beside a pushed request's request_uri does not count (RFC 9101 §5), its redirect_uri neither;
        // RFC 9101 §6.2's error, not OpenIddict's invalid_token.
        await AssertRefusedOnThisServerAsync(response, "invalid_request_uri");
    }

    [Test]
    public async Task The_consent_page_answers_for_the_pushed_request_and_a_tampered_form_changes_nothing()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var requestUri = await PushAsync(TestSeed.PartnerApp, TestSeed.PartnerCallback, pkce);
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, PushedAuthorizeUrl(TestSeed.PartnerApp.Id, requestUri), user);
        var html = await consent.Content.ReadAsStringAsync();
        Assert.That(consent.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);

        // The form's copy of the request is the browser's to change; what was pushed is what counts (RFC 9101 §5).
        using var allowed = await browser.SubmitFormAsync(html, "/oauth/authorize",
            new Dictionary<string, string> { ["scope"] = "openid profile " + TestSeed.OrdersRead, ["redirect_uri"] = "https://attacker.example/cb" },
            button: "consent=accept");
        var parameters = CallbackParameters(allowed, TestSeed.PartnerCallback);
        var tokens = await RedeemForTokensAsync(TestSeed.PartnerApp, parameters["code"], TestSeed.PartnerCallback, pkce.Verifier);

        Assert.Multiple(() =>
        {
            Assert.That(parameters["state"], Is.EqualTo("pushed-state"));
            Assert.That(tokens.GetProperty("scope").GetString()!.Split(' '), Is.EquivalentTo(Scope.Split(' ')));
        });
    }

    [Test]
    public async Task A_client_that_must_push_is_refused_a_plain_authorization_request_and_served_a_pushed_one()
    {
        var client = await RegisterCodeClientAsync(requirePushed: true);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var plain = await browser.GetAsync(AuthorizeUrl(client.Id, TestSeed.WebAppCallback, Scope, pkce));
        var refusal = CallbackParameters(plain, TestSeed.WebAppCallback);
        Assert.That(refusal["error"], Is.EqualTo("invalid_request"), string.Join('&', refusal));

        var requestUri = await PushAsync(client, TestSeed.WebAppCallback);
        var pushed = await SignInThroughAsync(browser, PushedAuthorizeUrl(client.Id, requestUri), user);
        Assert.That(CallbackParameters(pushed, TestSeed.WebAppCallback), Does.ContainKey("code"));

        var details = await SendAsync(new GetClient(client.Id));
        Assert.That(details.Value!.RequirePushedAuthorizationRequests, Is.True);
    }

    [Test]
    public async Task A_pushed_request_is_checked_as_an_authorization_request_is()
    {
        var pkce = Pkce.Create();
        var cases = new (string Name, (string, string?)[] Parameters, string Error)[]
        {
            ("redirect URI not registered", [("redirect_uri", "https://attacker.example/cb")], "invalid_request"),
            ("claims not JSON", [("claims", "not json")], "invalid_request"),
            ("max_age not a number", [("max_age", "soon")], "invalid_request"),
            ("admin scope", [("scope", "openid admin.read")], "invalid_scope"),
            ("plain PKCE", [("code_challenge_method", "plain")], "invalid_request"),
        };
        foreach (var (name, parameters, error) in cases)
        {
            using var response = await PushRawAsync(TestSeed.WebApp, TestSeed.WebAppCallback, pkce, parameters);
            var body = await OAuthClient.ReadJsonAsync(response);
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), name + ": " + body);
                Assert.That(body.GetProperty("error").GetString(), Is.EqualTo(error), name);
            });
        }
    }

    [Test]
    public async Task The_endpoint_takes_an_authenticated_POST_only()
    {
        using var get = await Server.Client.GetAsync("/oauth/par?client_id=web-app");
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));

        using var wrongSecret = await PushRawAsync(TestSeed.WebApp with { Secret = "not-the-secret-0000" }, TestSeed.WebAppCallback, Pkce.Create(), []);
        Assert.Multiple(async () =>
        {
            Assert.That(wrongSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await OAuthClient.ReadJsonAsync(wrongSecret)).GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
        });

        var form = new FormUrlEncodedContent([new("client_id", "web-app"), new("client_id", "spa"), new("response_type", "code")]);
        using var repeated = await Server.Client.PostAsync("/oauth/par", form);
        Assert.That(repeated.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Prompt_login_in_a_pushed_request_asks_for_the_password_once()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, Pkce.Create(), Scope, browser);

        // Signed in already; the pushed request asks for a fresh sign-in, and one sign-in satisfies it.
        var requestUri = await PushAsync(TestSeed.WebApp, TestSeed.WebAppCallback, ("prompt", "login"));
        var callback = await SignInThroughAsync(browser, PushedAuthorizeUrl(TestSeed.WebApp.Id, requestUri), user);
        Assert.That(CallbackParameters(callback, TestSeed.WebAppCallback), Does.ContainKey("code"));
    }

    [Test]
    public async Task A_pushed_max_age_of_zero_is_met_by_a_sign_in_after_the_push_however_long_it_took()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, Pkce.Create(), Scope, browser);

        var requestUri = await PushAsync(TestSeed.WebApp, TestSeed.WebAppCallback, ("max_age", "0"));
        var challenge = await browser.GetAsync(PushedAuthorizeUrl(TestSeed.WebApp.Id, requestUri));
        var signedIn = await browser.SignInAsync(challenge, user, Password);
        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        var callback = await browser.FollowLocalRedirectsAsync(signedIn);

        Assert.That(CallbackParameters(callback, TestSeed.WebAppCallback), Does.ContainKey("code"), "asked once, not again and again");
    }

    [Test]
    public async Task A_pushed_parameter_cannot_forge_the_push_time()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, Pkce.Create(), Scope, browser);

        // A push time before the existing sign-in would let that sign-in meet prompt=login, if the parameter became the claim.
        var requestUri = await PushAsync(TestSeed.WebApp, TestSeed.WebAppCallback, ("prompt", "login"), ("auth_pushed_at", "2000-01-01T00:00:00.0000000+00:00"));
        using var response = await browser.GetAsync(PushedAuthorizeUrl(TestSeed.WebApp.Id, requestUri));

        Assert.That(UserAgent.PathOf(response.Headers.Location!), Is.EqualTo("/account/login"), "the password is asked for");
    }

    [Test]
    public async Task Parameters_beside_the_request_uri_change_nothing()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, Pkce.Create(), Scope, browser);
        var pkce = Pkce.Create();
        var requestUri = await PushAsync(TestSeed.WebApp, TestSeed.WebAppCallback, pkce, ("nonce", null));

        // RFC 9101 §5: only what was pushed counts; these would change the answer if they were read.
        var url = PushedAuthorizeUrl(TestSeed.WebApp.Id, requestUri) +
            "&state=injected&nonce=injected&response_mode=form_post&prompt=none%20consent&max_age=0&scope=openid%20profile%20orders.read";
        using var response = await browser.GetAsync(url);
        var parameters = CallbackParameters(response, TestSeed.WebAppCallback);
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, parameters["code"], TestSeed.WebAppCallback, pkce.Verifier);
        var idToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.GetProperty("id_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(parameters["state"], Is.EqualTo("pushed-state"));
            Assert.That(idToken.TryGetClaim("nonce", out _), Is.False, "no nonce was pushed");
            Assert.That(tokens.GetProperty("scope").GetString()!.Split(' '), Is.EquivalentTo(Scope.Split(' ')));
        });
    }

    [Test]
    public async Task The_admin_api_and_the_command_line_set_and_show_the_requirement_and_refuse_it_without_the_code_flow()
    {
        var api = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{AdminScopes.ClientsRead} {AdminScopes.ClientsWrite}"));
        var id = "par-api-" + Guid.NewGuid().ToString("N")[..8];
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new
        {
            client_id = id,
            confidential = true,
            grant_types = new[] { "authorization_code" },
            scopes = new[] { "openid" },
            redirect_uris = new[] { TestSeed.WebAppCallback },
            require_pushed_authorization_requests = true,
        });
        var refused = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new
        {
            client_id = id + "-cc",
            grant_types = new[] { "client_credentials" },
            require_pushed_authorization_requests = true,
        });

        var cliId = "par-cli-" + Guid.NewGuid().ToString("N")[..8];
        var added = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", cliId, "--grant", "authorization_code",
            "--redirect-uri", TestSeed.WebAppCallback, "--scope", "openid", "--require-par");
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", cliId);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
            Assert.That(created.Body.GetProperty("require_pushed_authorization_requests").GetBoolean(), Is.True);
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest), refused.Text);
            Assert.That(refused.Text, Does.Contain("requirePushedAuthorizationRequests is for a client with the authorization_code grant"));
            Assert.That(added.ExitCode, Is.Zero, added.Error);
            Assert.That(shown.Output, Does.Contain("requirePushedAuthorizationRequests\ttrue"));
        });
    }

    private static string PushedAuthorizeUrl(string clientId, string requestUri) =>
        QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?> { ["client_id"] = clientId, ["request_uri"] = requestUri });

    private Task<JsonElement> StartAsync(string clientId, string? secret, string redirectUri) =>
        RelyingPartyScript.RunAsync("code-flow.mjs", Argument("start", clientId, secret, redirectUri, new { }));

    private Dictionary<string, object?> Argument(string step, string clientId, string? secret, string redirectUri, object extra)
    {
        var argument = new Dictionary<string, object?>
        {
            ["step"] = step,
            ["issuer"] = Server.BaseAddress.AbsoluteUri,
            ["clientId"] = clientId,
            ["clientSecret"] = secret,
            ["redirectUri"] = redirectUri,
            ["scope"] = Scope,
        };
        foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
        {
            argument[property.Name] = property.Value;
        }

        return argument;
    }

    private Task<string> PushAsync(TestClient client, string redirectUri, params (string, string?)[] extra) =>
        PushAsync(client, redirectUri, Pkce.Create(), extra);

    private async Task<string> PushAsync(TestClient client, string redirectUri, Pkce pkce, params (string, string?)[] extra)
    {
        using var response = await PushRawAsync(client, redirectUri, pkce, extra);
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
            Assert.That(body.GetProperty("expires_in").GetInt32(), Is.InRange(298, 300), "OAuth:PushedAuthorizationRequestLifetime, 5 minutes");
        });
        return body.GetProperty("request_uri").GetString()!;
    }

    private Task<HttpResponseMessage> PushRawAsync(TestClient client, string redirectUri, Pkce pkce, (string Key, string? Value)[] overrides)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = Scope,
            ["state"] = "pushed-state",
            ["nonce"] = "pushed-nonce",
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
        };
        foreach (var (key, value) in overrides)
        {
            parameters[key] = value;
        }

        return OAuth.PostFormAsync("/oauth/par", OAuthClient.Form(parameters.Select(p => (p.Key, p.Value)).ToArray()), OAuthClient.Basic(client.Id, client.Secret));
    }

    /// <summary>
    /// Refused on this server's own page with RFC 9101's invalid_request_uri: a request_uri that cannot be trusted names
    /// no redirect URI to trust.
    /// </summary>
    private static async Task AssertRefusedOnThisServerAsync(HttpResponseMessage response, string error = "invalid_request_uri")
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(body, Does.Contain($"<code>{error}</code>"));
        });
    }

    private async Task<TestClient> RegisterCodeClientAsync(bool requirePushed)
    {
        var client = new TestClient("par-" + Guid.NewGuid().ToString("N")[..8], "par-secret-" + Guid.NewGuid().ToString("N")[..12]);
        var added = await SendAsync(new RegisterClient(new ClientDefinition
        {
            ClientId = client.Id,
            ClientSecret = client.Secret,
            GrantTypes = [ClientGrantTypes.AuthorizationCode],
            Scopes = ["openid", "profile"],
            RedirectUris = [TestSeed.WebAppCallback],
            RequirePushedAuthorizationRequests = requirePushed,
        }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return client;
    }

    private async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }
}
