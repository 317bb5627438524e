using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Api.Tests.Hosting;
using OtpNet;

namespace Auth.Api.Tests.Mfa;

/// <summary>A user who lost their authenticator and recovery codes is reset by an operator on the command line.</summary>
public sealed class SecondFactorResetTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task After_a_reset_the_password_alone_signs_in_again()
    {
        var (user, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var token = tokens.GetProperty("access_token").GetString()!;
        using (var generate = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/generate"))
        {
            generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var generated = await Server.Client.SendAsync(generate);
            var secret = (await OAuthClient.ReadJsonAsync(generated)).GetProperty("secret").GetString()!;
            using var verify = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/verify")
            {
                Content = JsonContent.Create(new { code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Server.Clock.GetUtcNow().UtcDateTime) }),
            };
            verify.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var verified = await Server.Client.SendAsync(verify);
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var before = NewBrowser())
        {
            var challenge = await before.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
            using var asked = await before.SignInAsync(challenge, user, Password);
            Assert.That(asked.Headers.Location!.OriginalString, Does.StartWith("/account/mfa"));
        }

        var reset = await AuthExecutable.RunAsync(Server.Store, "users", "mfa", "reset", "--name", user);
        Assert.That(reset.ExitCode, Is.Zero, reset.Error);

        using var after = NewBrowser();
        var response = await SignInThroughAsync(after, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        Assert.That(CallbackParameters(response, TestSeed.WebAppCallback), Does.ContainKey("code"), "no second step any more");
    }
}
