using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Auth.Api.OAuth.FrontChannelLogout;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Application.Clients;
using Auth.Api.Pages;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// OpenID Connect Front-Channel Logout 1.0: a sign-out that ends a session answers with a page that loads, in hidden
/// iframes, the front-channel logout URI of each client of that session (with iss and sid where the client asked for
/// them), and then goes on to where the sign-out goes (the validated post_logout_redirect_uri with its state, or the
/// signed-out page). Read here as a browser receives it; Auth.Browser.Tests runs it in Chromium.
/// </summary>
public sealed partial class FrontChannelLogoutTests(StoreKind store) : UserFlowTest(store)
{
    private const string Callback = "https://rp.example/callback";
    private const string PostLogout = "https://rp.example/signed-out";

    /// <summary>A state that would break out of an attribute, or a script, if written unencoded.</summary>
    private const string HostileState = "s\"'><script>alert(1)</script>&x=1";

    [Test]
    public async Task Signing_out_loads_each_front_channel_uri_of_the_session_then_goes_to_the_post_logout_uri_with_its_state()
    {
        var withSid = await RegisterRelyingPartyAsync("https://rp.example/frontchannel?tenant=a", sessionRequired: true);
        var withoutSid = await RegisterRelyingPartyAsync("https://rp.example/fc-logout", sessionRequired: false);
        var silent = await RegisterRelyingPartyAsync(frontchannelUri: null, sessionRequired: true);
        var elsewhere = await RegisterRelyingPartyAsync("https://rp.example/elsewhere", sessionRequired: true);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var otherBrowser = NewBrowser();
        var signedIn = await SignInAsync(browser, withSid, user);
        await SignInAsync(browser, withoutSid, user);
        await SignInAsync(browser, silent, user);
        await SignInAsync(otherBrowser, elsewhere, user);

        using var logout = await browser.GetAsync(QueryHelpers.AddQueryString("/oauth/logout", new Dictionary<string, string?>
        {
            ["id_token_hint"] = signedIn.IdToken,
            ["post_logout_redirect_uri"] = PostLogout,
            ["state"] = HostileState,
        }));
        var page = await logout.Content.ReadAsStringAsync();
        var frames = Frames(page);
        var withSidFrame = frames.Single(f => f.AbsolutePath == "/frontchannel");
        var withSidQuery = QueryHelpers.ParseQuery(withSidFrame.Query);
        var policy = logout.Headers.GetValues("Content-Security-Policy").Single();
        using var again = await browser.GetAsync(AuthorizeUrl(withSid.Id, Callback, "openid profile", Pkce.Create()));

        Assert.Multiple(() =>
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
            Assert.That(logout.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(frames.Select(f => f.GetLeftPart(UriPartial.Path)), Is.EquivalentTo(new[] { "https://rp.example/frontchannel", "https://rp.example/fc-logout" }),
                "one frame per client of this session with a front-channel URI; none for a client without one or of another session");
            Assert.That(withSidQuery["iss"].ToString(), Is.EqualTo(Jwt.Payload(signedIn.IdToken)["iss"]!.GetValue<string>()), "§2: iss is the issuer of the ID tokens");
            Assert.That(withSidQuery["sid"].ToString(), Is.EqualTo(signedIn.SessionId), "§2: sid is the sid of the session's ID tokens");
            Assert.That(withSidQuery["tenant"].ToString(), Is.EqualTo("a"), "the URI's own query is kept");
            Assert.That(frames.Single(f => f.AbsolutePath == "/fc-logout").Query, Is.Empty, "a client that does not ask for iss and sid gets neither");
            Assert.That(Next(page), Is.EqualTo(QueryHelpers.AddQueryString(PostLogout, "state", HostileState)), "the state goes back as given, encoded");
            Assert.That(page, Does.Not.Contain("<script>alert"), "nothing of the state is markup");
            Assert.That(InlineScript().Matches(page).Select(m => m.Groups[1].Value), Is.EqualTo(new[] { FrontChannelLogoutPage.Script }), "one script, the page's own");
            Assert.That(policy, Does.Contain("frame-src https://rp.example;").Or.Contain("frame-src https://rp.example "), policy);
            Assert.That(policy, Does.Contain($"script-src 'sha256-{ScriptHash(page)}'"), "the page's one script is allowed by its hash");
            Assert.That(policy, Does.Contain("frame-ancestors 'none'"));
            Assert.That(logout.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(UserAgent.PathOf(again.Headers.Location!), Is.EqualTo("/account/login"), "the session ended");
        });
    }

    [Test]
    public async Task A_confirmed_sign_out_without_a_post_logout_uri_loads_the_frames_then_goes_to_the_signed_out_page()
    {
        var client = await RegisterRelyingPartyAsync("https://rp.example/frontchannel", sessionRequired: true);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var signedIn = await SignInAsync(browser, client, user);

        using var confirm = await browser.GetAsync("/oauth/logout");
        using var logout = await browser.SubmitFormAsync(await confirm.Content.ReadAsStringAsync(), "/oauth/logout", new Dictionary<string, string>(), button: "confirm=yes");
        var page = await logout.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
            Assert.That(Frames(page).Select(f => QueryHelpers.ParseQuery(f.Query)["sid"].ToString()), Is.EqualTo(new[] { signedIn.SessionId }));
            Assert.That(Next(page), Is.EqualTo("/account/signed-out"));
        });
    }

    [Test]
    public async Task A_session_whose_clients_have_no_front_channel_uri_signs_out_with_the_redirect_alone()
    {
        var client = await RegisterRelyingPartyAsync(frontchannelUri: null, sessionRequired: true);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var signedIn = await SignInAsync(browser, client, user);

        using var logout = await browser.GetAsync($"/oauth/logout?id_token_hint={signedIn.IdToken}&post_logout_redirect_uri={Uri.EscapeDataString(PostLogout)}&state=s1");

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(logout.Headers.Location?.AbsoluteUri, Is.EqualTo(PostLogout + "?state=s1"));
    }

    [Test]
    public async Task A_sign_out_refused_for_its_post_logout_uri_loads_no_frame_and_ends_no_session()
    {
        var client = await RegisterRelyingPartyAsync("https://rp.example/frontchannel", sessionRequired: true);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var signedIn = await SignInAsync(browser, client, user);

        using var refused = await browser.GetAsync($"/oauth/logout?id_token_hint={signedIn.IdToken}&post_logout_redirect_uri={Uri.EscapeDataString("https://evil.example/")}");
        var page = await refused.Content.ReadAsStringAsync();
        using var still = await browser.GetAsync(AuthorizeUrl(client.Id, Callback, "openid profile", Pkce.Create()));

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), page);
            Assert.That(Frames(page), Is.Empty);
            Assert.That(UserAgent.PathOf(still.Headers.Location!), Is.Not.EqualTo("/account/login"), "the session goes on");
        });
    }

    [TestCase("https://other.example/frontchannel", TestName = "A frontchannel_logout_uri on another origin than every redirect URI is refused")]
    [TestCase("https://rp.example:8443/frontchannel", TestName = "A frontchannel_logout_uri on another port is refused")]
    [TestCase("http://rp.example/frontchannel", TestName = "A frontchannel_logout_uri over plain http to another host is refused")]
    [TestCase("https://rp.example/frontchannel#f", TestName = "A frontchannel_logout_uri with a fragment is refused")]
    [TestCase("/frontchannel", TestName = "A relative frontchannel_logout_uri is refused")]
    public async Task Bad_frontchannel_logout_uris_are_refused_with_the_field_named(string uri)
    {
        using var refused = await CreateThroughAdminApiAsync("bad-fcl-" + Guid.NewGuid().ToString("N")[..8], uri, sessionRequired: null);
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()), Does.Contain("frontchannel_logout_uri"));
    }

    [Test]
    public async Task A_public_client_is_refused_a_plain_http_frontchannel_logout_uri_when_registered_and_when_replaced()
    {
        const string Loopback = "http://127.0.0.1:8123";
        var publicClient = new ClientDefinition
        {
            ClientId = "fcl-public-" + Guid.NewGuid().ToString("N")[..8],
            GrantTypes = ["authorization_code"],
            Scopes = ["openid"],
            RedirectUris = [Loopback + "/cb"],
        };
        using var scope = Server.Services.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var registered = await sender.Send(new RegisterClient(publicClient));
        var replaced = await sender.TrySendAsync(new UpdateClient(publicClient with { FrontchannelLogoutUri = Loopback + "/fc" }), CancellationToken.None);
        var registeredWith = await sender.TrySendAsync(new RegisterClient(publicClient with
        {
            ClientId = publicClient.ClientId + "-b", FrontchannelLogoutUri = Loopback + "/fc",
        }), CancellationToken.None);
        var stored = await sender.Send(new GetClient(publicClient.ClientId));

        Assert.Multiple(() =>
        {
            Assert.That(registered.Succeeded, Is.True, registered.Error?.Description);
            Assert.That(replaced.Error?.Description, Is.EqualTo(FrontChannelLogoutUri.PlainHttpFromAPublicClient));
            Assert.That(registeredWith.Error?.Description, Does.Contain(FrontChannelLogoutUri.PlainHttpFromAPublicClient));
            Assert.That(stored.Value?.FrontchannelLogoutUri, Is.Null, "nothing written");
        });
    }

    [Test]
    public async Task The_admin_API_stores_and_shows_the_front_channel_settings()
    {
        var id = "fcl-admin-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await CreateThroughAdminApiAsync(id, "https://rp.example/frontchannel?x=1", sessionRequired: false);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        using var plain = await CreateThroughAdminApiAsync(id + "-plain", frontchannelUri: null, sessionRequired: null);
        var plainBody = JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement;
        using var defaulted = await CreateThroughAdminApiAsync(id + "-default", "https://rp.example/frontchannel", sessionRequired: null);
        var defaultedBody = JsonDocument.Parse(await defaulted.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
            Assert.That(body.GetProperty("frontchannel_logout_uri").GetString(), Is.EqualTo("https://rp.example/frontchannel?x=1"));
            Assert.That(body.GetProperty("frontchannel_logout_session_required").GetBoolean(), Is.False);
            Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.Created), plainBody.ToString());
            Assert.That(plainBody.TryGetProperty("frontchannel_logout_uri", out _), Is.False);
            Assert.That(defaultedBody.GetProperty("frontchannel_logout_session_required").GetBoolean(), Is.True, "an operator's client gets iss and sid unless it says otherwise");
        });
    }

    [Test]
    public async Task Discovery_advertises_front_channel_logout_with_iss_and_sid()
    {
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));

        Assert.That(discovery.RootElement.GetProperty("frontchannel_logout_supported").GetBoolean(), Is.True);
        Assert.That(discovery.RootElement.GetProperty("frontchannel_logout_session_supported").GetBoolean(), Is.True);
    }

    private async Task<HttpResponseMessage> CreateThroughAdminApiAsync(string clientId, string? frontchannelUri, bool? sessionRequired)
    {
        var admin = await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{AdminScopes.ClientsRead} {AdminScopes.ClientsWrite}");
        var body = new Dictionary<string, object?>
        {
            ["client_id"] = clientId,
            ["grant_types"] = new[] { "authorization_code" },
            ["redirect_uris"] = new[] { Callback },
            ["scopes"] = new[] { "openid" },
        };
        if (frontchannelUri is not null)
        {
            body["frontchannel_logout_uri"] = frontchannelUri;
        }

        if (sessionRequired is { } required)
        {
            body["frontchannel_logout_session_required"] = required;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/clients")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        return await Server.Client.SendAsync(request);
    }

    private Task<TestClient> RegisterRelyingPartyAsync(string? frontchannelUri, bool sessionRequired) =>
        RegisterCodeClientAsync("fcl-", Callback, d => d with
        {
            PostLogoutRedirectUris = [PostLogout],
            FrontchannelLogoutUri = frontchannelUri,
            FrontchannelLogoutSessionRequired = sessionRequired,
        });

    private Task<SessionSignIn> SignInAsync(UserAgent browser, TestClient client, string userName) =>
        SignInToClientAsync(browser, client, Callback, userName);

    private static List<Uri> Frames(string page) =>
        [.. FrameSource().Matches(page).Select(m => new Uri(WebUtility.HtmlDecode(m.Groups[1].Value)))];

    private static string? Next(string page) =>
        NextLink().Match(page) is { Success: true } link ? WebUtility.HtmlDecode(link.Groups[1].Value) : null;

    private static string ScriptHash(string page) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(InlineScript().Match(page).Groups[1].Value)));

    [GeneratedRegex("<iframe[^>]*\\ssrc=\"([^\"]*)\"")]
    private static partial Regex FrameSource();

    [GeneratedRegex("<a id=\"next\" href=\"([^\"]*)\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
