using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// CORS for browser apps (docs/api.md, "Browser apps (CORS)"): an origin a client lists may call the token, userinfo,
/// revocation, discovery and JWKS endpoints and read their answers; every other origin gets no CORS header, and its
/// preflight is refused; an origin counts from the change that adds it until the one that removes it.
/// </summary>
public sealed class CrossOriginRequestTests(StoreKind store) : UserFlowTest(store)
{
    private const string Callback = "https://spa.example/callback";

    [Test]
    public async Task A_listed_origin_is_let_call_and_read_every_browser_endpoint()
    {
        var origin = NewOrigin();
        var client = await RegisterAsync(origin);
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, client.Id, Callback, pkce, scope: "openid profile");

        using var tokenPreflight = await PreflightAsync("/oauth/token", origin, "POST", "content-type");
        using var userInfoPreflight = await PreflightAsync("/oauth/userinfo", origin, "GET", "authorization");
        using var tokens = await SendAsync(HttpMethod.Post, "/oauth/token", origin, Form(
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Callback), ("code_verifier", pkce.Verifier),
            ("client_id", client.Id)), basic: (client.Id, client.Secret));
        var body = await OAuthClient.ReadJsonAsync(tokens);
        var accessToken = body.GetProperty("access_token").GetString()!;
        using var userInfo = await SendAsync(HttpMethod.Get, "/oauth/userinfo", origin, bearer: accessToken);
        using var refused = await SendAsync(HttpMethod.Post, "/oauth/token", origin, Form(
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Callback), ("code_verifier", pkce.Verifier),
            ("client_id", client.Id)), basic: (client.Id, client.Secret));
        using var discovery = await SendAsync(HttpMethod.Get, "/.well-known/openid-configuration", origin);
        using var discoveryFromMemory = await SendAsync(HttpMethod.Get, "/.well-known/openid-configuration", origin);
        using var jwks = await SendAsync(HttpMethod.Get, "/jwks.json", origin);
        using var revoke = await SendAsync(HttpMethod.Post, "/oauth/revoke", origin, Form(("token", accessToken)),
            basic: (client.Id, client.Secret));

        Assert.Multiple(() =>
        {
            foreach (var preflight in new[] { tokenPreflight, userInfoPreflight })
            {
                var what = preflight.RequestMessage!.RequestUri!.AbsolutePath;
                Assert.That(preflight.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), what);
                Assert.That(Header(preflight, "Access-Control-Allow-Origin"), Is.EqualTo(origin), what);
                Assert.That(Header(preflight, "Access-Control-Allow-Headers"), Is.EqualTo("Authorization, Content-Type, DPoP"), what);
                Assert.That(Header(preflight, "Access-Control-Max-Age"), Is.EqualTo("600"), what);
                Assert.That(preflight.Headers.Contains("Access-Control-Allow-Credentials"), Is.False, "these endpoints take no cookie");
                Assert.That(preflight.Headers.Vary, Does.Contain("Origin"), what);
            }

            Assert.That(Header(tokenPreflight, "Access-Control-Allow-Methods"), Is.EqualTo("POST"));
            Assert.That(Header(userInfoPreflight, "Access-Control-Allow-Methods"), Is.EqualTo("GET, POST"));
            Assert.That(tokens.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(userInfo.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the code was used: a refusal the app can read");
            Assert.That(discovery.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(discoveryFromMemory.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(jwks.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            foreach (var answer in new[] { tokens, userInfo, refused, discovery, discoveryFromMemory, jwks, revoke })
            {
                var what = $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri!.AbsolutePath} {(int)answer.StatusCode}";
                Assert.That(Header(answer, "Access-Control-Allow-Origin"), Is.EqualTo(origin), what);
                Assert.That(Header(answer, "Access-Control-Expose-Headers"), Does.Contain("WWW-Authenticate").And.Contain("DPoP-Nonce"), what);
                Assert.That(answer.Headers.Vary, Does.Contain("Origin"), what);
                Assert.That(answer.Headers.Contains("Access-Control-Allow-Credentials"), Is.False, what);
            }
        });
    }

    [Test]
    public async Task Another_origin_gets_no_cors_header_and_its_preflight_is_refused()
    {
        var listed = NewOrigin();
        var client = await RegisterAsync(listed);
        var other = NewOrigin();

        using var preflight = await PreflightAsync("/oauth/token", other, "POST", "content-type");
        using var token = await SendAsync(HttpMethod.Post, "/oauth/token", other, Form(("grant_type", "client_credentials")), basic: (client.Id, client.Secret));
        using var discovery = await SendAsync(HttpMethod.Get, "/.well-known/openid-configuration", other);
        using var opaque = await SendAsync(HttpMethod.Get, "/jwks.json", "null");
        using var spelledOtherwise = await SendAsync(HttpMethod.Get, "/jwks.json", listed.ToUpperInvariant());
        using var withPath = await SendAsync(HttpMethod.Get, "/jwks.json", listed + "/");
        using var wrongMethod = await PreflightAsync("/oauth/token", listed, "PUT", null);
        using var introspection = await PreflightAsync("/oauth/introspect", listed, "POST", "authorization");
        using var notPreflight = await SendAsync(HttpMethod.Options, "/oauth/token", other);
        using var withoutOrigin = await SendAsync(HttpMethod.Get, "/.well-known/openid-configuration", origin: null);
        var refusal = await OAuthClient.ReadJsonAsync(preflight);

        Assert.Multiple(() =>
        {
            Assert.That(preflight.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(refusal.GetProperty("error").GetString(), Is.EqualTo("access_denied"), "the API's error body");
            Assert.That(wrongMethod.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the token endpoint takes POST alone");
            Assert.That(introspection.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), "introspection is for servers, not browsers");
            Assert.That(notPreflight.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), "OPTIONS without Access-Control-Request-Method is no preflight");
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a server's own call is not a browser's: answered, only not readable by a page");
            Assert.That(discovery.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            foreach (var answer in new[] { preflight, token, discovery, opaque, spelledOtherwise, withPath, wrongMethod, introspection, notPreflight, withoutOrigin })
            {
                var what = $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri!.AbsolutePath} from {string.Join(",", answer.RequestMessage.Headers.TryGetValues("Origin", out var o) ? o : [])}";
                Assert.That(answer.Headers.Contains("Access-Control-Allow-Origin"), Is.False, what);
                Assert.That(answer.Headers.Contains("Access-Control-Allow-Methods"), Is.False, what);
            }

            Assert.That(withoutOrigin.Headers.Vary, Does.Contain("Origin"), "a cache must not give one origin's answer to another");
        });
    }

    [Test]
    public async Task An_origin_counts_from_the_change_that_adds_it_until_the_change_or_removal_that_ends_it()
    {
        var origin = NewOrigin();
        var dropped = NewOrigin();
        var client = await RegisterAsync(allowedOrigin: null);
        using var before = await PreflightAsync("/oauth/token", origin, "POST", null);

        using var scope = Server.Services.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var listed = await sender.Send(new UpdateClient(Definition(client.Id, origin) with { AllowedCorsOrigins = [origin, dropped] }));
        Assert.That(listed.Succeeded, Is.True, listed.Error?.Description);
        using var added = await PreflightAsync("/oauth/token", origin, "POST", null);
        using var droppedWhileListed = await PreflightAsync("/oauth/token", dropped, "POST", null);

        var narrowed = await sender.Send(new UpdateClient(Definition(client.Id, origin)));
        Assert.That(narrowed.Succeeded, Is.True, narrowed.Error?.Description);
        using var kept = await PreflightAsync("/oauth/token", origin, "POST", null);
        using var droppedAfter = await PreflightAsync("/oauth/token", dropped, "POST", null);

        var removed = await sender.Send(new RemoveClient(client.Id));
        Assert.That(removed.Succeeded, Is.True, removed.Error?.Description);
        using var after = await PreflightAsync("/oauth/token", origin, "POST", null);

        Assert.Multiple(() =>
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "not listed yet (and the node now holds the set)");
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "the update drops the set the node held");
            Assert.That(Header(added, "Access-Control-Allow-Origin"), Is.EqualTo(origin));
            Assert.That(droppedWhileListed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(kept.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(droppedAfter.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "an update that leaves an origin out ends it at once");
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the client that listed it is gone");
        });
    }

    [Test]
    public async Task The_seed_files_origins_count_as_browsers_send_them()
    {
        using var listed = await PreflightAsync("/oauth/token", "https://spa.example", "POST", null);
        using var loopback = await PreflightAsync("/oauth/userinfo", "http://localhost:5173", "GET", "authorization");
        using var asWritten = await PreflightAsync("/oauth/token", "https://SPA.example:443/", "POST", null);

        Assert.Multiple(() =>
        {
            Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "the seed file wrote https://SPA.example:443/");
            Assert.That(loopback.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(asWritten.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "no browser sends an origin spelled so");
        });
    }

    private static string NewOrigin() => $"https://spa-{Guid.NewGuid().ToString("N")[..12]}.example";

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method, string? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return Server.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? origin, HttpContent? content = null,
        string? bearer = null, (string Id, string Secret)? basic = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        else if (basic is { } credentials)
        {
            request.Headers.Authorization = OAuthClient.Basic(credentials.Id, credentials.Secret);
        }

        return Server.Client.SendAsync(request);
    }

    private async Task<TestClient> RegisterAsync(string? allowedOrigin)
    {
        var client = new TestClient("cors-" + Guid.NewGuid().ToString("N")[..8], "cors-client-secret-0123");
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(
            new RegisterClient(Definition(client.Id, allowedOrigin) with { ClientSecret = client.Secret }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return client;
    }

    private static ClientDefinition Definition(string clientId, string? allowedOrigin) => new()
    {
        ClientId = clientId,
        ClientSecret = "cors-client-secret-0123",
        GrantTypes = ["authorization_code", "client_credentials"],
        Scopes = ["openid", "profile"],
        RedirectUris = [Callback],
        AllowedCorsOrigins = allowedOrigin is null ? [] : [allowedOrigin],
    };
}
