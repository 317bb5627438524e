using System.Diagnostics;
using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// The test upstream's other shapes (Okta, a plain provider) and the switches the federation tests break sign-ins
/// with: misbehaviours, a restart with a rotated client secret, a stop.
/// </summary>
public sealed class TestUpstreamOptionsTests
{
    private static readonly Uri Service = new($"http://127.0.0.1:{LoopbackPorts.Next()}/");
    private static readonly UpstreamClient Client = UpstreamClient.ForService(Service, "idp", "auth-service", "first-secret");
    private static readonly UpstreamUser Dana = new() { Sub = "00u1dana", Email = "dana@example.test", EmailVerified = true, Groups = ["Engineering"] };

    private TestUpstream _generic = null!;

    [OneTimeSetUp]
    public async Task StartUpstream() =>
        _generic = await TestUpstream.StartAsync(new UpstreamSettings(UpstreamFlavor.Generic, [Client], new Dictionary<string, UpstreamUser> { ["dana"] = Dana })
        {
            HidePkceMetadata = true,
        });

    [OneTimeTearDown]
    public async Task StopUpstream() => await _generic.DisposeAsync();

    [TearDown]
    public async Task Reset() => await _generic.ResetAsync();

    [Test]
    public async Task Okta_flavor_has_its_paths_par_public_subjects_verified_email_and_a_groups_scope()
    {
        await using var okta = await TestUpstream.StartAsync(new UpstreamSettings(UpstreamFlavor.Okta, [Client], new Dictionary<string, UpstreamUser> { ["dana"] = Dana })
        {
            PushedAuthorizationRequests = true,
        });
        using var browser = new UserAgent(okta.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, okta, Client);
        await okta.SignInNextAsAsync("dana");

        var jwt = await rp.SignInAsync("openid profile email groups");

        Assert.Multiple(() =>
        {
            Assert.That(okta.Issuer, Is.EqualTo($"http://127.0.0.1:{okta.Port}/oauth2/default"));
            Assert.That(rp.Endpoint("authorization_endpoint").AbsoluteUri, Is.EqualTo($"{okta.Issuer}/v1/authorize"));
            Assert.That(rp.Endpoint("end_session_endpoint").AbsoluteUri, Is.EqualTo($"{okta.Issuer}/v1/logout"));
            Assert.That(rp.Endpoint("pushed_authorization_request_endpoint").AbsoluteUri, Is.EqualTo($"{okta.Issuer}/v1/par"));
            Assert.That(rp.Discovery.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()), Does.Contain("groups"));
            Assert.That(jwt.Issuer, Is.EqualTo(okta.Issuer));
            Assert.That(jwt.Subject, Is.EqualTo(Dana.Sub));
            Assert.That(jwt.GetPayloadValue<bool>("email_verified"), Is.True);
            Assert.That(jwt.GetPayloadValue<string[]>("groups"), Is.EqualTo(Dana.Groups));
            Assert.That(jwt.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "pwd" }));
        });
    }

    [Test]
    public async Task Generic_flavor_sits_at_the_origin_and_can_hide_its_pkce_metadata_yet_require_pkce()
    {
        using var browser = new UserAgent(_generic.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, _generic, Client);
        await _generic.SignInNextAsAsync("dana");

        var withoutPkce = await rp.FollowToCallbackAsync(rp.AuthorizeUrl(pkce: null));

        Assert.Multiple(() =>
        {
            Assert.That(rp.Discovery.GetProperty("issuer").GetString(), Is.EqualTo($"http://127.0.0.1:{_generic.Port}"));
            Assert.That(rp.Discovery.TryGetProperty("code_challenge_methods_supported", out _), Is.False);
            Assert.That(withoutPkce["error"], Is.EqualTo("invalid_request"));
        });
    }

    [Test]
    public async Task Swap_nonce_signs_an_id_token_with_a_nonce_the_client_never_sent()
    {
        using var browser = new UserAgent(_generic.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, _generic, Client);
        await _generic.MisbehaveAsync(UpstreamMisbehaviour.SwapNonce);
        await _generic.SignInNextAsAsync("dana");

        var jwt = await rp.SignInAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(jwt.GetClaim("nonce").Value, Does.StartWith("swapped-"));
            Assert.That((await rp.ValidateAsync(jwt.EncodedToken)).IsValid, Is.True, "signed by the upstream all the same");
        });
    }

    [Test]
    public async Task Login_required_ends_every_sign_in_with_that_error()
    {
        using var browser = new UserAgent(_generic.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, _generic, Client);
        await _generic.MisbehaveAsync(UpstreamMisbehaviour.LoginRequired);
        await _generic.SignInNextAsAsync("dana");

        var callback = await rp.FollowToCallbackAsync(rp.AuthorizeUrl(Pkce.Create()));

        Assert.That(callback["error"], Is.EqualTo("login_required"));
    }

    [Test]
    public async Task Hang_token_leaves_the_token_request_unanswered()
    {
        using var browser = new UserAgent(_generic.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, _generic, Client);
        await _generic.SignInNextAsAsync("dana");
        var pkce = Pkce.Create();
        var callback = await rp.FollowToCallbackAsync(rp.AuthorizeUrl(pkce));
        using var impatient = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var impatientRp = await UpstreamRelyingParty.DiscoverAsync(impatient, _generic, Client);
        await _generic.MisbehaveAsync(UpstreamMisbehaviour.HangToken);

        Assert.That(async () => await impatientRp.RequestTokensAsync(callback["code"], pkce), Throws.InstanceOf<TaskCanceledException>());
    }

    [Test]
    public async Task Restart_keeps_port_issuer_and_signing_key_and_takes_the_rotated_secret_and_stop_leaves_no_process()
    {
        var generic = await TestUpstream.StartAsync(_generic.Settings with { Port = LoopbackPorts.Next() });
        using var browser = new UserAgent(generic.Settings.Origin);
        var rp = await UpstreamRelyingParty.DiscoverAsync(browser.Http, generic, Client);
        await generic.SignInNextAsAsync("dana");
        var before = await rp.SignInAsync();
        var firstProcess = generic.ProcessId;

        var started = Stopwatch.StartNew();
        await generic.RestartAsync([Client with { ClientSecret = "second-secret" }]);
        var restartedIn = started.Elapsed;
        var secondProcess = generic.ProcessId;
        await generic.SignInNextAsAsync("dana");
        var pkce = Pkce.Create();
        var callback = await rp.FollowToCallbackAsync(rp.AuthorizeUrl(pkce));
        using var withOldSecret = await rp.RequestTokensAsync(callback["code"], pkce);
        using var withNewSecret = await rp.RequestTokensAsync(callback["code"], pkce, secret: "second-secret");
        var validation = await rp.ValidateAsync(before.EncodedToken);
        await generic.DisposeAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(restartedIn, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(secondProcess, Is.Not.EqualTo(firstProcess));
            Assert.That(IsRunning(firstProcess), Is.False, "the first process ended with the restart");
            Assert.That(IsRunning(secondProcess), Is.False, "disposing ends the process");
            Assert.That(withOldSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await withOldSecret.Content.ReadAsStringAsync());
            Assert.That(withNewSecret.StatusCode, Is.EqualTo(HttpStatusCode.OK), await withNewSecret.Content.ReadAsStringAsync());
            Assert.That(validation.IsValid, Is.True, "a token from before the restart verifies with the keys after it");
        });
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
