using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Auth.Application.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OtpNet;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// The second factor after a sign-in at an upstream provider (docs/security.md): the upstream's MFA counts only at a
/// provider trusted for it, otherwise the local TOTP step runs exactly as after a password; the tokens say what
/// happened (<c>amr</c> with <c>fed</c>, <c>acr</c>) and where (<c>idp</c>). Two real upstreams: one trusted, one not.
/// </summary>
public sealed partial class FederatedMfaTests(StoreKind store) : UserFlowTest(store)
{
    private const string Trusted = "northwind";
    private const string Untrusted = "fabrikam";
    private const string TrustedAcr = "urn:upstream:phishing-resistant";
    private const string UpstreamSecret = "upstream-client-secret-0002";

    private readonly Dictionary<string, UpstreamSettings> _settings = new()
    {
        [Trusted] = new(UpstreamFlavor.Entra, [], new Dictionary<string, UpstreamUser>()),
        [Untrusted] = new(UpstreamFlavor.Entra, [], new Dictionary<string, UpstreamUser>()),
    };

    private readonly Dictionary<string, TestUpstream> _upstreams = [];
    private readonly Dictionary<string, Totp> _authenticators = [];

    protected override IDictionary<string, string?> Settings =>
        Provider(Trusted, trust: true).Concat(Provider(Untrusted, trust: false)).ToDictionary();

    [OneTimeSetUp]
    public async Task StartUpstreams()
    {
        foreach (var (id, settings) in _settings)
        {
            _upstreams[id] = await TestUpstream.StartAsync(settings with
            {
                Clients = [UpstreamClient.ForService(Server.BaseAddress, id, "auth-service", UpstreamSecret)],
            });
        }
    }

    [OneTimeTearDown]
    public async Task StopUpstreams()
    {
        foreach (var upstream in _upstreams.Values)
        {
            await upstream.DisposeAsync();
        }
    }

    [TearDown]
    public async Task ResetUpstreams()
    {
        foreach (var upstream in _upstreams.Values)
        {
            await upstream.ResetAsync();
        }
    }

    [Test]
    public async Task Trusted_upstream_mfa_satisfies_require_mfa_and_says_mfa()
    {
        // The user has an authenticator, so the local step would run if the upstream's MFA did not count.
        var userName = await FederatedUserAsync(Trusted, withAuthenticator: true);
        await _upstreams[Trusted].SignInNextAsAsync(userName, amr: ["pwd", "mfa"]);
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var atClient = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid profile", pkce,
            extra: [("idp_hint", Trusted)]));
        var tokens = await RedeemForTokensAsync(TestSeed.MfaApp, CallbackParameters(atClient, TestSeed.MfaCallback)["code"], TestSeed.MfaCallback, pkce.Verifier);
        var idToken = IdToken(tokens);

        Assert.Multiple(() =>
        {
            Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "pwd", "mfa" }));
            Assert.That(idToken.GetClaim("acr").Value, Is.EqualTo("urn:auth:acr:mfa"));
            Assert.That(ClaimOf(idToken, "idp"), Is.EqualTo(Trusted));
        });
    }

    [Test]
    public async Task Untrusted_upstream_mfa_runs_the_local_totp_step()
    {
        var userName = await FederatedUserAsync(Untrusted, withAuthenticator: true);
        await _upstreams[Untrusted].SignInNextAsAsync(userName, amr: ["pwd", "mfa"]);
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var asked = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid profile", pkce,
            extra: [("idp_hint", Untrusted)]));
        Assert.That(asked.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo(Routes.SecondFactor), "the local second factor, not a code");
        using var atClient = await GiveCodeAsync(browser, asked, _authenticators[userName]);
        var tokens = await RedeemForTokensAsync(TestSeed.MfaApp, CallbackParameters(atClient, TestSeed.MfaCallback)["code"], TestSeed.MfaCallback, pkce.Verifier);
        var idToken = IdToken(tokens);

        Assert.Multiple(() =>
        {
            // Untrusted: nothing of the upstream's methods, only that the sign-in was federated, and the local code.
            Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "otp" }));
            Assert.That(idToken.GetClaim("acr").Value, Is.EqualTo("urn:auth:acr:mfa"));
            Assert.That(ClaimOf(idToken, "idp"), Is.EqualTo(Untrusted));
        });
    }

    [Test]
    public async Task Trusted_provider_without_upstream_mfa_runs_the_local_step()
    {
        var userName = await FederatedUserAsync(Trusted, withAuthenticator: true);
        await _upstreams[Trusted].SignInNextAsAsync(userName, amr: ["pwd"]);
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var asked = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid profile", pkce,
            extra: [("idp_hint", Trusted)]));
        Assert.That(asked.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo(Routes.SecondFactor), "the local second factor, not a code");
        using var atClient = await GiveCodeAsync(browser, asked, _authenticators[userName]);
        var tokens = await RedeemForTokensAsync(TestSeed.MfaApp, CallbackParameters(atClient, TestSeed.MfaCallback)["code"], TestSeed.MfaCallback, pkce.Verifier);

        Assert.That(IdToken(tokens).GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "pwd", "otp" }));
    }

    [Test]
    public async Task Upstream_otp_without_mfa_is_not_a_second_factor()
    {
        // A one-time code may have been the upstream's only factor: without mfa it is dropped, and the local step runs.
        var userName = await FederatedUserAsync(Trusted, withAuthenticator: true);
        await _upstreams[Trusted].SignInNextAsAsync(userName, amr: ["otp"]);
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var asked = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid profile", pkce,
            extra: [("idp_hint", Trusted)]));
        Assert.That(asked.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo(Routes.SecondFactor), "the local second factor, not a code");
        using var atClient = await GiveCodeAsync(browser, asked, _authenticators[userName]);
        var tokens = await RedeemForTokensAsync(TestSeed.MfaApp, CallbackParameters(atClient, TestSeed.MfaCallback)["code"], TestSeed.MfaCallback, pkce.Verifier);

        Assert.That(IdToken(tokens).GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "otp" }));
    }

    [Test]
    public async Task Trusted_by_configured_acr()
    {
        var userName = await FederatedUserAsync(Trusted, withAuthenticator: true);
        await _upstreams[Trusted].SignInNextAsAsync(userName, amr: ["pwd"], acr: TrustedAcr);
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var atClient = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid profile", pkce,
            extra: [("idp_hint", Trusted)]));
        var tokens = await RedeemForTokensAsync(TestSeed.MfaApp, CallbackParameters(atClient, TestSeed.MfaCallback)["code"], TestSeed.MfaCallback, pkce.Verifier);
        var idToken = IdToken(tokens);

        Assert.Multiple(() =>
        {
            Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "pwd", "mfa" }));
            Assert.That(idToken.GetClaim("acr").Value, Is.EqualTo("urn:auth:acr:mfa"));
        });
    }

    [Test]
    public async Task Configured_acr_of_an_untrusted_provider_counts_for_nothing()
    {
        var userName = await FederatedUserAsync(Untrusted, withAuthenticator: false);
        await _upstreams[Untrusted].SignInNextAsAsync(userName, amr: ["pwd", "mfa"], acr: TrustedAcr);
        using var browser = NewBrowser();

        using var asked = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid profile", Pkce.Create(),
            extra: [("idp_hint", Untrusted)]));

        Assert.That(asked.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo(Routes.Enrol), "the client's requireMfa is not met");
    }

    [Test]
    public async Task Require_mfa_client_with_user_without_totp_goes_to_enrolment_after_federated_sign_in()
    {
        var userName = await FederatedUserAsync(Trusted, withAuthenticator: false);
        await _upstreams[Trusted].SignInNextAsAsync(userName, amr: ["pwd"]);
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var enrolPage = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid profile", pkce,
            extra: [("idp_hint", Trusted)]));
        Assert.That(enrolPage.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo(Routes.Enrol), "the enrolment page, not a code");
        var html = WebUtility.HtmlDecode(await enrolPage.Content.ReadAsStringAsync());
        var totp = new Totp(Base32Encoding.ToBytes(Secret().Match(html).Groups["secret"].Value));
        using var confirmed = await browser.SubmitFormAsync(html, enrolPage.RequestMessage.RequestUri.PathAndQuery,
            new Dictionary<string, string> { ["Code"] = totp.ComputeTotp(Server.Clock.GetUtcNow().UtcDateTime) });
        var page = await confirmed.Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain("Authenticator ready"), page);
        using var atClient = await browser.GetAsync(WebUtility.HtmlDecode(ContinueLink().Match(page).Groups["href"].Value));
        var tokens = await RedeemForTokensAsync(TestSeed.MfaApp, CallbackParameters(atClient, TestSeed.MfaCallback)["code"], TestSeed.MfaCallback, pkce.Verifier);
        var idToken = IdToken(tokens);

        Assert.Multiple(() =>
        {
            Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "pwd", "otp" }));
            Assert.That(ClaimOf(idToken, "idp"), Is.EqualTo(Trusted), "the session keeps its provider after the step-up");
        });
    }

    [Test]
    public async Task Step_up_of_a_federated_session_adds_otp_and_keeps_fed_and_idp()
    {
        var userName = await FederatedUserAsync(Trusted, withAuthenticator: false);
        await _upstreams[Trusted].SignInNextAsAsync(userName, amr: ["pwd"]);
        using var browser = NewBrowser();
        var webPkce = Pkce.Create();
        using var atWebApp = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: webPkce,
            extra: [("idp_hint", Trusted)]));
        var webTokens = await RedeemForTokensAsync(TestSeed.WebApp, CallbackParameters(atWebApp, TestSeed.WebAppCallback)["code"], TestSeed.WebAppCallback, webPkce.Verifier);

        // The authenticator came after the sign-in: the session has the upstream's password only, and the payroll app asks for a code.
        var totp = await SecondFactors.EnrolAsync(Server, userName);
        Server.Clock.Advance(TimeSpan.FromSeconds(60));
        var pkce = Pkce.Create();
        using var asked = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid profile", pkce));
        using var atClient = await GiveCodeAsync(browser, asked, totp);
        var tokens = await RedeemForTokensAsync(TestSeed.MfaApp, CallbackParameters(atClient, TestSeed.MfaCallback)["code"], TestSeed.MfaCallback, pkce.Verifier);
        var idToken = IdToken(tokens);

        Assert.Multiple(() =>
        {
            Assert.That(IdToken(webTokens).GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "pwd" }));
            Assert.That(IdToken(webTokens).GetClaim("acr").Value, Is.EqualTo("urn:auth:acr:pwd"));
            Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "pwd", "otp" }));
            Assert.That(ClaimOf(idToken, "idp"), Is.EqualTo(Trusted));
            Assert.That(ClaimOf(idToken, "sid"), Is.EqualTo(ClaimOf(IdToken(webTokens), "sid")), "the same session, stepped up");
        });
    }

    [Test]
    public async Task Id_token_amr_has_fed_upstream_methods_and_otp_and_idp_claim()
    {
        var userName = await FederatedUserAsync(Trusted, withAuthenticator: true);
        await _upstreams[Trusted].SignInNextAsAsync(userName, amr: ["pwd", "hwk", "x-unregistered"]);
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var asked = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce,
            extra: [("idp_hint", Trusted)]));
        using var atClient = await GiveCodeAsync(browser, asked, _authenticators[userName]);
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, CallbackParameters(atClient, TestSeed.WebAppCallback)["code"], TestSeed.WebAppCallback, pkce.Verifier);
        using var refreshedResponse = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);
        var refreshed = await OAuthClient.ReadJsonAsync(refreshedResponse);
        Assert.That(refreshedResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), refreshed.ToString());

        Assert.Multiple(() =>
        {
            foreach (var (name, token) in new[]
            {
                ("ID token", IdToken(tokens)), ("access token", AccessToken(tokens)),
                ("refreshed ID token", IdToken(refreshed)), ("refreshed access token", AccessToken(refreshed)),
            })
            {
                // Methods outside the RFC 8176 registry are dropped; fed says federated, idp says where.
                Assert.That(token.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "pwd", "hwk", "otp" }), name);
                Assert.That(token.GetClaim("acr").Value, Is.EqualTo("urn:auth:acr:mfa"), name);
                Assert.That(ClaimOf(token, "idp"), Is.EqualTo(Trusted), name);
            }
        });
    }

    [Test]
    public async Task Password_sign_in_has_no_idp_claim()
    {
        var (_, tokens) = await SignedInTokensAsync();
        using var refreshedResponse = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);
        var refreshed = await OAuthClient.ReadJsonAsync(refreshedResponse);

        Assert.Multiple(() =>
        {
            foreach (var token in new[] { IdToken(tokens), AccessToken(tokens), IdToken(refreshed), AccessToken(refreshed) })
            {
                Assert.That(ClaimOf(token, "idp"), Is.Null);
                Assert.That(token.GetPayloadValue<string[]>("amr"), Does.Not.Contain("fed"));
            }
        });
    }

    private Dictionary<string, string?> Provider(string id, bool trust) => new()
    {
        [$"IdentityProviders:Definitions:{id}:DisplayName"] = id,
        [$"IdentityProviders:Definitions:{id}:Issuer"] = _settings[id].Issuer,
        [$"IdentityProviders:Definitions:{id}:ClientId"] = "auth-service",
        [$"IdentityProviders:Definitions:{id}:ClientSecret"] = UpstreamSecret,
        [$"IdentityProviders:Definitions:{id}:Scopes:0"] = "openid",
        [$"IdentityProviders:Definitions:{id}:Scopes:1"] = "profile",
        [$"IdentityProviders:Definitions:{id}:Claims:Subject"] = "oid",
        [$"IdentityProviders:Definitions:{id}:Domains:0"] = id + ".test",
        [$"IdentityProviders:Definitions:{id}:Linking:UserName"] = "true",
        [$"IdentityProviders:Definitions:{id}:Mfa:TrustUpstream"] = trust ? "true" : "false",
        [$"IdentityProviders:Definitions:{id}:Mfa:AcrValues:0"] = TrustedAcr,
    };

    /// <summary>A local user in the provider's domain (linked by user name at the first sign-in), known to its upstream.</summary>
    private async Task<string> FederatedUserAsync(string providerId, bool withAuthenticator)
    {
        var userName = $"local-{Guid.NewGuid():N}"[..16] + "@" + providerId + ".test";
        using (var scope = Server.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterUser(new UserDefinition
            {
                UserName = userName,
                Password = Password,
                Email = userName,
            }));
            Assert.That(result.Succeeded, Is.True, result.Error?.Description);
        }

        await _upstreams[providerId].SetUserAsync(userName, new UpstreamUser { Oid = Guid.NewGuid().ToString(), PreferredUsername = userName });
        if (withAuthenticator)
        {
            _authenticators[userName] = await SecondFactors.EnrolAsync(Server, userName);

            // The code that confirmed the authenticator is used; the sign-in's is the next one.
            Server.Clock.Advance(TimeSpan.FromSeconds(60));
        }

        return userName;
    }

    /// <summary>Gives the code on the second-factor page and follows this service's redirects to the client.</summary>
    private async Task<HttpResponseMessage> GiveCodeAsync(UserAgent browser, HttpResponseMessage secondFactorPage, Totp totp)
    {
        Assert.That(secondFactorPage.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo(Routes.SecondFactor));
        var verified = await browser.SubmitFormAsync(await secondFactorPage.Content.ReadAsStringAsync(), secondFactorPage.RequestMessage.RequestUri.PathAndQuery,
            new Dictionary<string, string> { ["Code"] = totp.ComputeTotp(Server.Clock.GetUtcNow().UtcDateTime) });
        return await browser.FollowLocalRedirectsAsync(verified);
    }

    /// <summary>Follows every redirect, at this service and at the upstreams, until a page or a redirect to a client.</summary>
    private Task<HttpResponseMessage> FollowAllRedirectsAsync(UserAgent browser, string start) => browser.FollowThroughAsync(start, _upstreams.Values.Select(u => u.Settings.Origin));

    private static string? ClaimOf(JsonWebToken token, string name) => token.TryGetClaim(name, out var claim) ? claim.Value : null;

    private static JsonWebToken IdToken(JsonElement tokens) => new(tokens.GetProperty("id_token").GetString()!);

    private static JsonWebToken AccessToken(JsonElement tokens) => new(tokens.GetProperty("access_token").GetString()!);

    [GeneratedRegex("<code id=\"secret\">(?<secret>[A-Z2-7]+)</code>")]
    private static partial Regex Secret();

    [GeneratedRegex("<a class=\"button\" href=\"(?<href>[^\"]+)\">Continue</a>")]
    private static partial Regex ContinueLink();
}
