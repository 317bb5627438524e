using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// R7 (docs/security.md): a password lockout stops this service's password, not a sign-in at an upstream provider;
/// otherwise wrong passwords typed against an SSO user's name would lock them out of SSO.
/// </summary>
public sealed class FederatedLockoutTests(StoreKind store) : FederatedDirectoryTest(store)
{
    /// <summary>The provider is trusted for the upstream's methods, so the grant's <c>amr</c> says <c>pwd</c> too — the upstream's password, not ours.</summary>
    [Test]
    public async Task Password_lockout_does_not_block_federated_sign_in_or_its_refresh()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("sprayed", "example.com");
        var userId = await ProvisionAsync(userName, externalId: oid, password: Password);
        await EntraUpstream.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = userName });
        await LockOutAsync(userName);

        var tokens = await SignInForTokensAsync(Entra, oid);
        using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);
        var refreshedBody = await OAuthClient.ReadJsonAsync(refreshed);

        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString()!);
        Assert.Multiple(async () =>
        {
            Assert.That(idToken.Subject, Is.EqualTo(userId));
            Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "pwd" }));
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), refreshedBody.ToString());
            Assert.That((await StoredFederation.UserAsync(Server, userId))!.LockoutEnd, Is.GreaterThan(Server.Clock.GetUtcNow()), "the password stays locked");
            Assert.That((await AttemptPasswordAsync(userName, Password)).SignedIn, Is.False, "even the right password is refused");
        });
    }

    [Test]
    public async Task Password_session_tokens_stop_refreshing_while_the_password_is_locked_out()
    {
        var (userName, tokens) = await SignedInTokensAsync();

        await LockOutAsync(userName);
        using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);

        Assert.Multiple(async () =>
        {
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(refreshed)).GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        });
    }

    private async Task LockOutAsync(string userName)
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await AttemptPasswordAsync(userName, "wrong-password-" + i)).SignedIn, Is.False);
        }
    }

    private async Task<(HttpStatusCode Status, bool SignedIn)> AttemptPasswordAsync(string userName, string password)
    {
        using var browser = NewBrowser();
        using var page = await browser.GetAsync(Routes.Login);
        using var response = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), Routes.Login,
            new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
        var signedIn = response.StatusCode == HttpStatusCode.Redirect &&
            response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("auth.session=", StringComparison.Ordinal));
        return (response.StatusCode, signedIn);
    }
}
