using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// A new password is set because the old one may be known to someone else: whatever was obtained with it (browser
/// sessions, refresh tokens, access tokens) stops working at once, however the password was set.
/// </summary>
public sealed class PasswordChangeTests(StoreKind store) : UserFlowTest(store)
{
    private const string NewPassword = "a-new-password-42";

    [TestCase("PATCH")]
    [TestCase("PUT")]
    public async Task A_password_set_over_scim_revokes_the_users_tokens_and_ends_their_sessions(string method)
    {
        var (user, browser, tokens) = await SignedInAsync();
        using var owned = browser;
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        Assert.That(await UserInfoStatusAsync(accessToken), Is.EqualTo(HttpStatusCode.OK), "the token works before");

        var scim = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim"));
        var id = Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["sub"]!.GetValue<string>();
        var (changed, body) = method == "PATCH"
            ? await scim.PatchAsync("/Users/" + id, ScimClient.Patch($$"""{"op":"replace","path":"password","value":"{{NewPassword}}"}"""))
            : await scim.PutAsync("/Users/" + id,
                $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{user}}","password":"{{NewPassword}}","active":true}""");
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());

        await AssertEverythingEndedAsync(browser, tokens);
    }

    [Test]
    public async Task A_password_changed_by_the_seed_file_or_the_command_line_revokes_the_users_tokens()
    {
        var (user, browser, tokens) = await SignedInAsync();
        using var owned = browser;

        using (var scope = Server.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(
                new RegisterUser(new UserDefinition { UserName = user, Password = NewPassword, Email = user + "@example.com" }, ReplaceExisting: true));
            Assert.That(result.Succeeded, Is.True, result.Error?.Description);
        }

        await AssertEverythingEndedAsync(browser, tokens);
    }

    [Test]
    public async Task A_directory_sending_the_same_password_again_signs_no_one_out()
    {
        var (_, browser, tokens) = await SignedInAsync();
        using var owned = browser;
        var scim = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim"));
        var id = Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["sub"]!.GetValue<string>();

        var (changed, _) = await scim.PatchAsync("/Users/" + id, ScimClient.Patch($$"""{"op":"replace","path":"password","value":"{{Password}}"}"""));
        using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);

        Assert.Multiple(async () =>
        {
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OAuth.IsActiveAsync(tokens.GetProperty("access_token").GetString()!, TestSeed.WebApp), Is.True);
        });
    }

    private async Task<(string User, UserAgent Browser, JsonElement Tokens)> SignedInAsync()
    {
        var user = await CreateUserAsync();
        var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        return (user, browser, await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier));
    }

    private async Task AssertEverythingEndedAsync(UserAgent browser, JsonElement tokens)
    {
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);
        var refusal = await OAuthClient.ReadJsonAsync(refreshed);
        using var mfa = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/generate");
        mfa.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var mfaResponse = await Server.Client.SendAsync(mfa);
        using var silently = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("prompt", "none")]));

        Assert.Multiple(async () =>
        {
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), refusal.ToString());
            Assert.That(refusal.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
            Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp), Is.False, "introspection says inactive");
            Assert.That(await UserInfoStatusAsync(accessToken), Is.EqualTo(HttpStatusCode.Unauthorized), "userinfo refuses it");
            Assert.That(mfaResponse.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the MFA API refuses it");
            Assert.That(CallbackParameters(silently, TestSeed.WebAppCallback)["error"], Is.EqualTo("login_required"), "the browser session is over");
        });
    }

    private async Task<HttpStatusCode> UserInfoStatusAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Server.Client.SendAsync(request);
        return response.StatusCode;
    }
}
