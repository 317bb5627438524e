using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// An authorization request that names its user, by an id_token_hint (OpenID Connect Core §3.1.2.1) or a claims
/// request for a sub with a value (§5.5.1), is answered positively only for that user's session: another user's
/// session is not used, and a hint that is not this server's ID token for the client is an error.
/// </summary>
public sealed class RequestedSubjectTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Prompt_none_with_the_session_users_own_id_token_returns_a_code()
    {
        var (browser, idToken, _) = await SignedInBrowserAsync();
        using (browser)
        {
            using var response = await browser.GetAsync(SilentAuthorizeUrl(("id_token_hint", idToken)));

            Assert.That(CallbackParameters(response, TestSeed.WebAppCallback), Does.ContainKey("code"));
        }
    }

    [Test]
    public async Task Prompt_none_with_another_users_id_token_is_login_required()
    {
        var (_, otherTokens) = await SignedInTokensAsync();
        var (browser, _, _) = await SignedInBrowserAsync();
        using (browser)
        {
            using var response = await browser.GetAsync(SilentAuthorizeUrl(("id_token_hint", otherTokens.GetProperty("id_token").GetString()!)));

            Assert.That(CallbackParameters(response, TestSeed.WebAppCallback)["error"], Is.EqualTo("login_required"));
        }
    }

    [Test]
    public async Task Another_users_id_token_hint_without_prompt_none_is_login_required_and_prompt_login_signs_that_user_in()
    {
        var (otherUser, otherTokens) = await SignedInTokensAsync();
        var hint = otherTokens.GetProperty("id_token").GetString()!;
        var (browser, _, _) = await SignedInBrowserAsync();
        using (browser)
        {
            // Not the sign-in page: after a sign-in as someone else it would ask forever.
            using var refused = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("id_token_hint", hint)]));
            var asked = AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("id_token_hint", hint), ("prompt", "login")]);
            var signedInAsTheOther = await SignInThroughAsync(browser, asked, otherUser);

            Assert.That(CallbackParameters(refused, TestSeed.WebAppCallback)["error"], Is.EqualTo("login_required"));
            Assert.That(CallbackParameters(signedInAsTheOther, TestSeed.WebAppCallback), Does.ContainKey("code"));
        }
    }

    [Test]
    public async Task Signing_in_as_someone_else_than_the_hint_names_ends_with_login_required_not_another_sign_in()
    {
        var (_, otherTokens) = await SignedInTokensAsync();
        var user = await CreateUserAsync();
        using var browser = NewBrowser();

        var response = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(),
            extra: [("id_token_hint", otherTokens.GetProperty("id_token").GetString()!)]), user);

        Assert.That(CallbackParameters(response, TestSeed.WebAppCallback)["error"], Is.EqualTo("login_required"));
    }

    [TestCase("garbage")]
    [TestCase("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task An_id_token_hint_that_is_not_this_servers_is_invalid_request_and_no_code(string hint)
    {
        var (browser, _, _) = await SignedInBrowserAsync();
        using (browser)
        {
            using var response = await browser.GetAsync(SilentAuthorizeUrl(("id_token_hint", hint)));
            var parameters = CallbackParameters(response, TestSeed.WebAppCallback);

            Assert.That(parameters, Does.Not.ContainKey("code"));
            Assert.That(parameters["error"], Is.EqualTo("invalid_request"));
        }
    }

    [Test]
    public async Task A_claims_request_for_a_sub_is_answered_only_for_that_users_session()
    {
        var (browser, _, subject) = await SignedInBrowserAsync();
        using (browser)
        {
            using var same = await browser.GetAsync(SilentAuthorizeUrl(("claims", """{"id_token":{"sub":{"value":""" + JsonSerializer.Serialize(subject) + "}}}")));
            using var other = await browser.GetAsync(SilentAuthorizeUrl(("claims", """{"id_token":{"sub":{"value":"someone-else"}}}""")));
            using var both = await browser.GetAsync(SilentAuthorizeUrl(("claims", """{"id_token":{"sub":{"value":"a"}},"userinfo":{"sub":{"value":"b"}}}""")));

            Assert.Multiple(() =>
            {
                Assert.That(CallbackParameters(same, TestSeed.WebAppCallback), Does.ContainKey("code"));
                Assert.That(CallbackParameters(other, TestSeed.WebAppCallback)["error"], Is.EqualTo("login_required"));
                Assert.That(CallbackParameters(both, TestSeed.WebAppCallback)["error"], Is.EqualTo("login_required"), "two values name no one user");
            });
        }
    }

    private static string SilentAuthorizeUrl(params (string Key, string Value)[] extra) =>
        AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("prompt", "none"), .. extra]);

    /// <summary>A browser signed in to the web app, the ID token it got and its subject.</summary>
    private async Task<(UserAgent Browser, string IdToken, string Subject)> SignedInBrowserAsync()
    {
        var user = await CreateUserAsync();
        var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var idToken = tokens.GetProperty("id_token").GetString()!;
        return (browser, idToken, Jwt.Payload(idToken)["sub"]!.GetValue<string>());
    }
}
