using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// The upstream OpenID provider the federation tests sign in through, shaped like Entra ID and driven with plain HTTP
/// as a relying party would. No part of the service runs here.
/// </summary>
public sealed class TestUpstreamTests
{
    // Nothing listens there: the tests read the redirects the upstream makes to it and never follow them.
    private static readonly Uri Service = new($"http://127.0.0.1:{LoopbackPorts.Next()}/");
    private static readonly UpstreamClient Client = UpstreamClient.ForService(Service, "entra", "auth-service", "upstream-client-secret");

    private static readonly UpstreamUser Alice = new()
    {
        Oid = "6f0d3c1e-1a7b-4c55-9a0e-0f6f1e2d3c4b",
        PreferredUsername = "alice@contoso.test",
        Email = "alice@contoso.test",
        Name = "Alice Example",
        GivenName = "Alice",
        FamilyName = "Example",
        Groups = ["3c1f0a9e-engineering", "8d2e1b0f-everyone"],
    };

    private TestUpstream _upstream = null!;

    [OneTimeSetUp]
    public async Task StartUpstream()
    {
        var started = Stopwatch.StartNew();
        _upstream = await TestUpstream.StartAsync(new UpstreamSettings(
            UpstreamFlavor.Entra,
            [Client],
            new Dictionary<string, UpstreamUser> { ["alice"] = Alice, ["bob"] = new() { Oid = "b0b", Amr = [] } }));
        await TestContext.Progress.WriteLineAsync($"test upstream (Entra) ready in {started.ElapsedMilliseconds} ms");
    }

    [OneTimeTearDown]
    public async Task StopUpstream() => await _upstream.DisposeAsync();

    [TearDown]
    public async Task Reset() => await _upstream.ResetAsync();

    [Test]
    public async Task Upstream_serves_discovery_and_signs_in_a_user()
    {
        using var browser = new UserAgent(_upstream.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, _upstream, Client);
        await _upstream.SignInNextAsAsync("alice", amr: ["pwd", "mfa"]);
        var pkce = Pkce.Create();

        var callback = await rp.FollowToCallbackAsync(rp.AuthorizeUrl(pkce, state: "state-1", nonce: "nonce-1"));
        var tokens = await rp.RedeemAsync(callback, pkce);
        var idToken = tokens.GetProperty("id_token").GetString()!;
        var validation = await rp.ValidateAsync(idToken);
        using var userinfoRequest = new HttpRequestMessage(HttpMethod.Get, rp.Endpoint("userinfo_endpoint"));
        userinfoRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var userinfo = await browser.Http.SendAsync(userinfoRequest);
        var userinfoClaims = await OAuthClient.ReadJsonAsync(userinfo);
        var jwt = new JsonWebToken(idToken);

        Assert.Multiple(() =>
        {
            Assert.That(rp.Discovery.GetProperty("issuer").GetString(), Is.EqualTo(_upstream.Issuer));
            Assert.That(rp.Discovery.GetProperty("authorization_response_iss_parameter_supported").GetBoolean(), Is.True);
            Assert.That(rp.Discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "S256" }));
            Assert.That(rp.Discovery.GetProperty("response_types_supported").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "code" }));
            Assert.That(rp.Endpoint("end_session_endpoint").AbsoluteUri, Does.StartWith(_upstream.Issuer + "/"));
            Assert.That(callback["state"], Is.EqualTo("state-1"));
            Assert.That(callback["iss"], Is.EqualTo(_upstream.Issuer), "RFC 9207 iss in the authorization response");
            Assert.That(validation.IsValid, Is.True, validation.Exception?.Message);
            Assert.That(jwt.Audiences, Is.EqualTo(new[] { Client.ClientId }));
            Assert.That(jwt.GetClaim("nonce").Value, Is.EqualTo("nonce-1"));
            Assert.That(jwt.GetClaim("oid").Value, Is.EqualTo(Alice.Oid));
            Assert.That(jwt.GetClaim("tid").Value, Is.EqualTo(_upstream.Settings.Tenant));
            Assert.That(jwt.Subject, Is.Not.EqualTo("alice").And.Not.EqualTo(Alice.Oid).And.Length.EqualTo(43), "Entra's sub is pairwise");
            Assert.That(jwt.GetClaim("preferred_username").Value, Is.EqualTo(Alice.PreferredUsername));
            Assert.That(jwt.GetClaim("email").Value, Is.EqualTo(Alice.Email));
            Assert.That(jwt.TryGetClaim("email_verified", out _), Is.False, "Entra never says an e-mail is verified");
            Assert.That(jwt.GetClaim("name").Value, Is.EqualTo(Alice.Name));
            Assert.That(jwt.GetPayloadValue<string[]>("groups"), Is.EqualTo(Alice.Groups));
            Assert.That(jwt.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "pwd", "mfa" }));
            Assert.That(jwt.GetClaim("acr").Value, Is.EqualTo("urn:upstream:mfa"));
            Assert.That(userinfoClaims.GetProperty("sub").GetString(), Is.EqualTo(jwt.Subject));
        });
    }

    [Test]
    public async Task Authorization_request_without_pkce_is_refused_at_the_redirect_uri()
    {
        using var browser = new UserAgent(_upstream.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, _upstream, Client);
        await _upstream.SignInNextAsAsync("alice");

        var callback = await rp.FollowToCallbackAsync(rp.AuthorizeUrl(pkce: null));

        Assert.Multiple(() =>
        {
            Assert.That(callback["error"], Is.EqualTo("invalid_request"));
            Assert.That(callback["error_description"], Does.Contain("PKCE"));
            Assert.That(callback["iss"], Is.EqualTo(_upstream.Issuer));
        });
    }

    [Test]
    public async Task Sign_in_page_prefills_the_login_hint_and_a_ticked_second_factor_says_mfa()
    {
        using var browser = new UserAgent(_upstream.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, _upstream, Client);
        var pkce = Pkce.Create();

        var (page, html) = await UpstreamSignIn.OpenSignInPageAsync(browser.Http, rp.AuthorizeUrl(pkce, loginHint: "alice"));
        using var submitted = await UpstreamSignIn.SubmitAsync(browser.Http, page, "alice", secondFactor: true);
        var callback = await rp.FollowToCallbackAsync(new Uri(page, submitted.Headers.Location!));
        var jwt = new JsonWebToken((await rp.RedeemAsync(callback, pkce)).GetProperty("id_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(UpstreamSignIn.PrefilledLogin(html), Is.EqualTo("alice"));
            Assert.That(html, Does.Contain("data-testid=\"upstream-mfa\"").And.Contain("data-testid=\"upstream-cancel\""));
            Assert.That(jwt.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "pwd", "mfa" }));
        });
    }

    [Test]
    public async Task User_without_methods_gets_neither_amr_nor_acr_as_from_entra()
    {
        using var browser = new UserAgent(_upstream.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, _upstream, Client);
        await _upstream.SignInNextAsAsync("bob");

        var jwt = await rp.SignInAsync();

        Assert.Multiple(() =>
        {
            Assert.That(jwt.TryGetClaim("amr", out _), Is.False);
            Assert.That(jwt.TryGetClaim("acr", out _), Is.False);
        });
    }

    [Test]
    public async Task Cancel_and_a_refused_sign_in_end_with_the_error_at_the_redirect_uri()
    {
        using var browser = new UserAgent(_upstream.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, _upstream, Client);
        var (page, _) = await UpstreamSignIn.OpenSignInPageAsync(browser.Http, rp.AuthorizeUrl(Pkce.Create()));
        using var cancelled = await UpstreamSignIn.CancelAsync(browser.Http, page);
        var afterCancel = await rp.FollowToCallbackAsync(new Uri(page, cancelled.Headers.Location!));
        await _upstream.RefuseNextSignInAsync("temporarily_unavailable", "maintenance");

        var afterRefusal = await rp.FollowToCallbackAsync(rp.AuthorizeUrl(Pkce.Create()));

        Assert.Multiple(() =>
        {
            Assert.That(afterCancel["error"], Is.EqualTo("access_denied"));
            Assert.That(afterRefusal["error"], Is.EqualTo("temporarily_unavailable"));
            Assert.That(afterRefusal["iss"], Is.EqualTo(_upstream.Issuer));
        });
    }

    [Test]
    public async Task Rp_initiated_logout_returns_to_the_client_and_ends_the_upstream_session()
    {
        using var browser = new UserAgent(_upstream.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, _upstream, Client);
        await _upstream.SignInNextAsAsync("alice");
        var idToken = await rp.SignInAsync();
        var endSession = QueryHelpers.AddQueryString(rp.Endpoint("end_session_endpoint").AbsoluteUri, new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken.EncodedToken,
            ["post_logout_redirect_uri"] = Client.PostLogoutRedirectUris[0].AbsoluteUri,
            ["state"] = "bye",
        });

        using var loggedOut = await UpstreamSignIn.LogOutAsync(browser.Http, new Uri(endSession));
        var (pageAfterLogout, _) = await UpstreamSignIn.OpenSignInPageAsync(browser.Http, rp.AuthorizeUrl(Pkce.Create()));

        Assert.Multiple(() =>
        {
            Assert.That(loggedOut.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
            Assert.That(loggedOut.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(Client.PostLogoutRedirectUris[0].AbsoluteUri));
            Assert.That(UserAgent.QueryOf(loggedOut.Headers.Location)["state"], Is.EqualTo("bye"));
            Assert.That(pageAfterLogout.AbsolutePath, Does.StartWith("/interaction/"), "no upstream session left: the next sign-in asks again");
        });
    }

    [Test]
    public async Task Changed_claims_reach_the_next_token_under_the_same_subject()
    {
        await _upstream.SetUserAsync("carol", new UpstreamUser { Oid = "c4r0l", Email = "carol@contoso.test" });
        await _upstream.SignInNextAsAsync("carol");
        using var first = new UserAgent(_upstream.Settings.Origin);
        var before = await (await UpstreamRelyingParty.DiscoverAsync(first.Http, _upstream, Client)).SignInAsync();
        await _upstream.SetUserAsync("carol", new UpstreamUser { Oid = "c4r0l", Email = "carol.new@fabrikam.test" });
        await _upstream.SignInNextAsAsync("carol");
        using var second = new UserAgent(_upstream.Settings.Origin);

        var after = await (await UpstreamRelyingParty.DiscoverAsync(second.Http, _upstream, Client)).SignInAsync();

        Assert.Multiple(() =>
        {
            Assert.That(before.GetClaim("email").Value, Is.EqualTo("carol@contoso.test"));
            Assert.That(after.GetClaim("email").Value, Is.EqualTo("carol.new@fabrikam.test"));
            Assert.That(after.Subject, Is.EqualTo(before.Subject), "the same oid, the same pairwise sub");
        });
    }
}
