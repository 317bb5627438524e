using System.Net;
using System.Text.Json;
using Auth.Application.Clients;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Hosting;

/// <summary>Functional tests of the sign-in flows: a user signs in on the real pages and a client redeems the code.</summary>
public abstract class UserFlowTest(StoreKind store) : ServerTest(store)
{
    public const string Password = "correct-horse-battery-1";

    /// <summary>
    /// A new user of this test's own, so lockouts and deactivations do not touch other tests. With
    /// <paramref name="domain"/>, the user name is an address in it (and the e-mail the same), as an upstream identity
    /// provider that owns the domain may link by user name only such users (LinkingPolicy). With
    /// <paramref name="emailVerified"/>, the address is vouched for, as a directory's or the seed file's.
    /// </summary>
    protected async Task<string> CreateUserAsync(string? email = null, string? domain = null, bool emailVerified = false)
    {
        var userName = "user-" + Guid.NewGuid().ToString("N")[..10] + (domain is null ? string.Empty : "@" + domain);
        using var scope = Server.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterUser(new UserDefinition
        {
            UserName = userName,
            Password = Password,
            DisplayName = "Test " + userName,
            GivenName = "Test",
            FamilyName = userName,
            Email = email ?? (domain is null ? userName + "@example.com" : userName),
            EmailVerified = emailVerified,
        }));
        Assert.That(result.Succeeded, Is.True, result.Error?.Description);
        return userName;
    }

    protected async Task DeactivateAsync(string userName)
    {
        using var scope = Server.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DeactivateUser(userName));
        Assert.That(result.Succeeded, Is.True);
    }

    /// <summary>
    /// A new confidential client of this test's own with the authorization_code grant, the openid and profile scopes and
    /// <paramref name="callback"/> as its redirect URI; <paramref name="shape"/> changes the rest (logout URIs, more
    /// grants or scopes). Its id and secret begin with <paramref name="prefix"/>.
    /// </summary>
    protected async Task<TestClient> RegisterCodeClientAsync(string prefix, string callback, Func<ClientDefinition, ClientDefinition>? shape = null)
    {
        var client = new TestClient(prefix + Guid.NewGuid().ToString("N")[..10], prefix + "secret-" + Guid.NewGuid().ToString("N")[..12]);
        var definition = new ClientDefinition
        {
            ClientId = client.Id,
            ClientSecret = client.Secret,
            GrantTypes = ["authorization_code"],
            Scopes = ["openid", "profile"],
            RedirectUris = [callback],
        };
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(shape is null ? definition : shape(definition)));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return client;
    }

    protected UserAgent NewBrowser() => new(Server.BaseAddress);

    public static string AuthorizeUrl(
        string clientId,
        string? redirectUri,
        string scope = "openid profile email offline_access",
        Pkce? pkce = null,
        string? state = "state-123",
        string? nonce = "nonce-456",
        string codeChallengeMethod = "S256",
        params (string Key, string Value)[] extra)
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new("client_id", clientId),
            new("response_type", "code"),
            new("scope", scope),
        };
        if (redirectUri is not null) query.Add(new("redirect_uri", redirectUri));
        if (state is not null) query.Add(new("state", state));
        if (nonce is not null) query.Add(new("nonce", nonce));
        if (pkce is not null)
        {
            query.Add(new("code_challenge", pkce.Challenge));
            query.Add(new("code_challenge_method", codeChallengeMethod));
        }

        query.AddRange(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        return QueryHelpers.AddQueryString("/oauth/authorize", query);
    }

    /// <summary>Opens the authorize URL, signs in as the user, and returns the redirect that leaves this server.</summary>
    protected static async Task<HttpResponseMessage> SignInThroughAsync(UserAgent browser, string authorizeUrl, string userName, string password = Password)
    {
        var challenge = await browser.GetAsync(authorizeUrl);
        var signedIn = await browser.SignInAsync(challenge, userName, password);
        return await browser.FollowLocalRedirectsAsync(signedIn);
    }

    /// <summary>The code (and the rest of the query) of a redirect to the client's callback.</summary>
    protected static Dictionary<string, string> CallbackParameters(HttpResponseMessage response, string callback)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), () => response.Content.ReadAsStringAsync().Result);
        var location = response.Headers.Location!;
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(callback));
        return UserAgent.QueryOf(location);
    }

    protected async Task<string> GetCodeAsync(string userName, string clientId, string callback, Pkce pkce, string scope = "openid profile email offline_access", UserAgent? browser = null)
    {
        using var own = browser is null ? NewBrowser() : null;
        var response = await SignInThroughAsync(browser ?? own!, AuthorizeUrl(clientId, callback, scope, pkce), userName);
        var parameters = CallbackParameters(response, callback);
        Assert.That(parameters, Does.ContainKey("code"), string.Join('&', parameters));
        return parameters["code"];
    }

    protected Task<HttpResponseMessage> RedeemAsync(TestClient? client, string code, string redirectUri, string? verifier, string? clientId = null) =>
        OAuth.PostFormAsync("/oauth/token",
            OAuthClient.Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectUri), ("code_verifier", verifier),
                ("client_id", client is null ? clientId : null)),
            client is null ? null : OAuthClient.Basic(client.Id, client.Secret));

    protected Task<HttpResponseMessage> RefreshAsync(TestClient client, string refreshToken, string? scope = null) =>
        OAuth.PostFormAsync("/oauth/token",
            OAuthClient.Form(("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("scope", scope)),
            OAuthClient.Basic(client.Id, client.Secret));

    protected async Task<JsonElement> RedeemForTokensAsync(TestClient client, string code, string redirectUri, string verifier)
    {
        using var response = await RedeemAsync(client, code, redirectUri, verifier);
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    /// <summary>
    /// Signs the user in to the client at <paramref name="callback"/> in this browser (the sign-in page the first time;
    /// later clients ride on the session) and redeems the code: the ID token, its <c>sub</c> and its <c>sid</c>.
    /// </summary>
    protected async Task<SessionSignIn> SignInToClientAsync(UserAgent browser, TestClient client, string callback, string userName)
    {
        var pkce = Pkce.Create();
        var start = await browser.GetAsync(AuthorizeUrl(client.Id, callback, "openid profile", pkce));
        var atClient = UserAgent.PathOf(start.Headers.Location!) == "/account/login"
            ? await browser.FollowLocalRedirectsAsync(await browser.SignInAsync(start, userName, Password))
            : await browser.FollowLocalRedirectsAsync(start);
        var code = CallbackParameters(atClient, callback)["code"];
        var tokens = await RedeemForTokensAsync(client, code, callback, pkce.Verifier);
        var idToken = tokens.GetProperty("id_token").GetString()!;
        var payload = Jwt.Payload(idToken);
        return new SessionSignIn(idToken, payload["sub"]!.GetValue<string>(), payload["sid"]!.GetValue<string>());
    }

    /// <summary>Signs a fresh user in to the web app and returns its tokens.</summary>
    protected async Task<(string UserName, JsonElement Tokens)> SignedInTokensAsync(string scope = "openid profile email offline_access")
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, scope);
        return (user, await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier));
    }
}

/// <summary>A sign-in to a client in a browser's session: the client's ID token, its <c>sub</c> and its <c>sid</c>.</summary>
public sealed record SessionSignIn(string IdToken, string Subject, string SessionId);
