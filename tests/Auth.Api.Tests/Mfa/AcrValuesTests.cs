using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Mfa;

/// <summary>
/// A client may ask for the multi-factor level on its own, by acr_values (OpenID Connect Core §3.1.2.1) or an essential
/// acr in the claims parameter (§5.5.1.1): the user then gives a second factor exactly as for a client that requires one.
/// </summary>
public sealed class AcrValuesTests(StoreKind store) : UserFlowTest(store)
{
    private const string MultiFactor = "urn:auth:acr:mfa";

    [Test]
    public async Task Acr_values_mfa_sends_a_user_without_an_authenticator_to_enrol()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();

        using var response = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(),
            extra: [("acr_values", MultiFactor)]), user);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the enrolment page, not a code");
            Assert.That(response.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/account/mfa/enrol"));
            Assert.That(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), Does.Contain("data:image/svg+xml;base64,"));
        });
    }

    [Test]
    public async Task Acr_values_mfa_asks_a_password_only_session_for_a_code_and_the_id_token_says_mfa()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        var secret = await Authenticator.EnrolAsync(Server, user);
        var pkce = Pkce.Create();

        using var asked = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce, extra: [("acr_values", MultiFactor)]));
        using var callback = await Authenticator.GiveCodeAsync(browser, asked, Server, secret);
        var code = CallbackParameters(callback, TestSeed.WebAppCallback)["code"];
        var idToken = Jwt.Payload((await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier)).GetProperty("id_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(idToken["acr"]!.GetValue<string>(), Is.EqualTo(MultiFactor));
            Assert.That(idToken["amr"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "pwd", "otp" }));
        });
    }

    [TestCase("acr_values", MultiFactor)]
    [TestCase("claims", """{"id_token":{"acr":{"essential":true,"values":["urn:auth:acr:mfa"]}}}""")]
    public async Task Without_a_second_factor_prompt_none_is_interaction_required(string parameter, string value)
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        using var silent = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(),
            extra: [("prompt", "none"), (parameter, value)]));

        Assert.That(CallbackParameters(silent, TestSeed.WebAppCallback)["error"], Is.EqualTo("interaction_required"));
    }

    [TestCase("acr_values", "urn:auth:acr:pwd")]
    [TestCase("acr_values", "urn:auth:acr:pwd urn:auth:acr:mfa")]
    [TestCase("claims", """{"id_token":{"acr":{"essential":false,"values":["urn:auth:acr:mfa"]}}}""")]
    public async Task A_request_that_accepts_the_password_level_needs_nothing_more(string parameter, string value)
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        using var again = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [(parameter, value)]));

        Assert.That(CallbackParameters(again, TestSeed.WebAppCallback), Does.ContainKey("code"));
    }

    [Test]
    public async Task An_essential_acr_this_server_never_issues_cannot_be_met()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(),
            extra: [("claims", """{"id_token":{"acr":{"essential":true,"value":"urn:example:gold"}}}""")]));

        Assert.That(CallbackParameters(response, TestSeed.WebAppCallback)["error"], Is.EqualTo("unmet_authentication_requirements"));
    }
}
