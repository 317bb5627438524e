using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using OtpNet;

namespace Auth.Api.Tests.Mfa;

/// <summary>/mfa/totp: enrolment, verification, replay, lockout, recovery codes, removal, and the sign-in step.</summary>
public sealed class TotpTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Generate_needs_a_users_token()
    {
        using var anonymous = await Server.Client.PostAsync("/mfa/totp/generate", null);
        using var client = await SendAsync(HttpMethod.Post, "/mfa/totp/generate", await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead));

        Assert.Multiple(async () =>
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(anonymous.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
            Assert.That(client.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await OAuthClient.ReadJsonAsync(client)).GetProperty("error").GetString(), Is.EqualTo("access_denied"));
        });
    }

    [Test]
    public async Task Generate_returns_a_secret_an_otpauth_uri_and_a_qr_code_once()
    {
        var (_, token) = await UserTokenAsync();

        using var response = await SendAsync(HttpMethod.Post, "/mfa/totp/generate", token);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("secret").GetString(), Does.Match("^[A-Z2-7]{32}$"));
            Assert.That(body.GetProperty("otpauth_uri").GetString(), Does.StartWith("otpauth://totp/").And.Contain("secret=" + body.GetProperty("secret").GetString())
                .And.Contain("algorithm=SHA1").And.Contain("digits=6").And.Contain("period=30").And.Contain("issuer="));
            Assert.That(body.GetProperty("qr_code").GetString(), Does.StartWith("data:image/svg+xml;base64,"));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });
    }

    [Test]
    public async Task The_first_valid_code_confirms_and_returns_ten_recovery_codes_then_codes_verify()
    {
        var (_, token) = await UserTokenAsync();
        var secret = await EnrolAsync(token, confirm: false);

        var (confirmed, confirmation) = await VerifyAsync(token, Code(secret, 0));
        Assert.That(confirmed, Is.EqualTo(HttpStatusCode.OK), confirmation.ToString());
        Assert.That(confirmation.GetProperty("status").GetString(), Is.EqualTo("enrolled"));
        Assert.That(confirmation.GetProperty("recovery_codes").GetArrayLength(), Is.EqualTo(10));

        var (verified, verification) = await VerifyAsync(token, Code(secret, 1));
        Assert.That(verified, Is.EqualTo(HttpStatusCode.OK), verification.ToString());
        Assert.That(verification.GetProperty("status").GetString(), Is.EqualTo("verified"));
        Assert.That(verification.TryGetProperty("recovery_codes", out var codes) && codes.ValueKind != JsonValueKind.Null, Is.False, "recovery codes are shown once");
    }

    [TestCase("12345", "invalid_request")]
    [TestCase("1234567", "invalid_request")]
    [TestCase("12a456", "invalid_request")]
    [TestCase("", "invalid_request")]
    public async Task Malformed_codes_are_refused_with_invalid_request(string code, string error)
    {
        var (_, token) = await UserTokenAsync();
        await EnrolAsync(token, confirm: false);

        var (status, body) = await VerifyAsync(token, code);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo(error));
    }

    [Test]
    public async Task A_missing_or_non_json_body_is_invalid_request()
    {
        var (_, token) = await UserTokenAsync();
        using var empty = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", token);
        using var text = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", token, new StringContent("code=123456"));

        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(text.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_wrong_code_is_invalid_grant_and_a_replayed_or_older_code_is_refused()
    {
        var (_, token) = await UserTokenAsync();
        var secret = await EnrolAsync(token, confirm: true);

        var (wrong, wrongBody) = await VerifyAsync(token, WrongCode(secret));
        var (current, _) = await VerifyAsync(token, Code(secret, 1));
        var (replayed, replayedBody) = await VerifyAsync(token, Code(secret, 1));
        var (older, _) = await VerifyAsync(token, Code(secret, 0));

        Assert.Multiple(() =>
        {
            Assert.That(wrong, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(wrongBody.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
            Assert.That(current, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(replayed, Is.EqualTo(HttpStatusCode.BadRequest), "RFC 6238 §5.2: a code is accepted once");
            Assert.That(replayedBody.GetProperty("error_description").GetString(), Does.Contain("already been used"));
            Assert.That(older, Is.EqualTo(HttpStatusCode.BadRequest), "nothing before the last accepted step");
        });
    }

    [Test]
    public async Task Twenty_parallel_verifications_of_one_code_give_exactly_one_success()
    {
        var (_, token) = await UserTokenAsync();
        var secret = await EnrolAsync(token, confirm: true);
        var code = Code(secret, 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => VerifyAsync(token, code)));

        Assert.That(results.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(results.Where(r => r.Status != HttpStatusCode.OK).Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Five_wrong_codes_lock_verification_and_it_resumes_after_the_lockout()
    {
        var (_, token) = await UserTokenAsync();
        var secret = await EnrolAsync(token, confirm: true);
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await VerifyAsync(token, WrongCode(secret))).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        var (locked, lockedBody) = await VerifyAsync(token, Code(secret, 1));
        Assert.That(locked, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(lockedBody.GetProperty("error_description").GetString(), Does.Contain("paused"));

        Server.Clock.Advance(TimeSpan.FromMinutes(16));
        var (resumed, resumedBody) = await VerifyAsync(token, Code(secret, 0));
        Assert.That(resumed, Is.EqualTo(HttpStatusCode.OK), resumedBody.ToString());
    }

    [Test]
    public async Task A_success_resets_the_count_of_wrong_codes()
    {
        var (_, token) = await UserTokenAsync();
        var secret = await EnrolAsync(token, confirm: true);
        for (var i = 0; i < 4; i++)
        {
            await VerifyAsync(token, WrongCode(secret));
        }

        Assert.That((await VerifyAsync(token, Code(secret, 1))).Status, Is.EqualTo(HttpStatusCode.OK));
        for (var i = 0; i < 4; i++)
        {
            await VerifyAsync(token, WrongCode(secret));
        }

        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.That((await VerifyAsync(token, Code(secret, 1))).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Removal_needs_a_current_code_and_then_the_authenticator_is_gone()
    {
        var (_, token) = await UserTokenAsync();
        var secret = await EnrolAsync(token, confirm: true);

        using var withoutProof = await SendAsync(HttpMethod.Delete, "/mfa/totp", token, JsonContent.Create(new { code = WrongCode(secret) }));
        using var removed = await SendAsync(HttpMethod.Delete, "/mfa/totp", token, JsonContent.Create(new { code = Code(secret, 1) }));
        var (afterwards, body) = await VerifyAsync(token, Code(secret, 1));

        Assert.Multiple(() =>
        {
            Assert.That(withoutProof.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(afterwards, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error_description").GetString(), Does.Contain("No authenticator"));
        });
    }

    [Test]
    public async Task The_sign_in_asks_for_the_code_after_the_password_and_the_id_token_says_pwd_and_otp()
    {
        var (user, token) = await UserTokenAsync();
        var secret = await EnrolAsync(token, confirm: true);
        Server.Clock.Advance(TimeSpan.FromSeconds(60));

        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce));
        using var afterPassword = await browser.SignInAsync(challenge, user, Password);
        Assert.That(afterPassword.Headers.Location!.OriginalString, Does.StartWith("/account/mfa"));
        using var mfaPage = await browser.GetAsync(afterPassword.Headers.Location!.OriginalString);
        var html = await mfaPage.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<label for=\"code\">Authentication code</label>").And.Contain(">Verify</button>"));

        using var wrong = await browser.SubmitFormAsync(html, afterPassword.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = WrongCode(secret) });
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a wrong code shows the page again");

        var verified = await browser.SubmitFormAsync(html, afterPassword.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = Code(secret, 0) });
        var callback = await browser.FollowLocalRedirectsAsync(verified);
        var code = CallbackParameters(callback, TestSeed.WebAppCallback)["code"];
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "pwd", "otp" }));
            Assert.That(idToken.GetPayloadValue<string>("acr"), Is.EqualTo("urn:auth:acr:mfa"));
        });
    }

    [Test]
    public async Task A_recovery_code_signs_in_once()
    {
        var (user, token) = await UserTokenAsync();
        var (secret, recoveryCodes) = await EnrolWithRecoveryCodesAsync(token);

        Assert.That(await SecondStepAsync(user, recoveryCodes[3]), Is.True);
        Assert.That(await SecondStepAsync(user, recoveryCodes[3]), Is.False, "each recovery code works once");
        Assert.That(await SecondStepAsync(user, recoveryCodes[4].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)), Is.True, "case and separators do not matter");
        Assert.That(secret, Is.Not.Empty);
    }

    [Test]
    public async Task Regenerated_recovery_codes_replace_the_old_ones()
    {
        var (user, token) = await UserTokenAsync();
        var (secret, oldCodes) = await EnrolWithRecoveryCodesAsync(token);

        using var response = await SendAsync(HttpMethod.Post, "/mfa/totp/recovery-codes", token, JsonContent.Create(new { code = Code(secret, 1) }));
        var body = await OAuthClient.ReadJsonAsync(response);
        var newCodes = body.GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(await SecondStepAsync(user, oldCodes[0]), Is.False);
        Assert.That(await SecondStepAsync(user, newCodes[0]), Is.True);
    }

    private async Task<bool> SecondStepAsync(string user, string code)
    {
        using var browser = NewBrowser();
        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        using var afterPassword = await browser.SignInAsync(challenge, user, Password);
        var mfaUrl = afterPassword.Headers.Location!.OriginalString;
        using var page = await browser.GetAsync(mfaUrl);
        using var result = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), mfaUrl, new Dictionary<string, string> { ["Code"] = code });
        return result.StatusCode == HttpStatusCode.Redirect;
    }

    private async Task<(string User, string Token)> UserTokenAsync()
    {
        var (user, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        return (user, tokens.GetProperty("access_token").GetString()!);
    }

    private async Task<string> EnrolAsync(string token, bool confirm)
    {
        using var response = await SendAsync(HttpMethod.Post, "/mfa/totp/generate", token);
        var secret = (await OAuthClient.ReadJsonAsync(response)).GetProperty("secret").GetString()!;
        if (confirm)
        {
            Assert.That((await VerifyAsync(token, Code(secret, 0))).Status, Is.EqualTo(HttpStatusCode.OK));
        }

        return secret;
    }

    private async Task<(string Secret, List<string> Codes)> EnrolWithRecoveryCodesAsync(string token)
    {
        var secret = await EnrolAsync(token, confirm: false);
        var (_, body) = await VerifyAsync(token, Code(secret, 0));
        return (secret, body.GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList());
    }

    /// <summary>The code for the server's current time step plus <paramref name="steps"/>.</summary>
    private string Code(string secret, int steps) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Server.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * steps));

    /// <summary>A six-digit code valid for none of the steps the server would accept.</summary>
    private string WrongCode(string secret)
    {
        var valid = Enumerable.Range(-1, 4).Select(s => Code(secret, s)).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> VerifyAsync(string token, string code)
    {
        using var response = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", token, JsonContent.Create(new { code }));
        return (response.StatusCode, await OAuthClient.ReadJsonAsync(response));
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Server.Client.SendAsync(request);
    }
}
