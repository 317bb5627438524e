using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Api.Tests.Hosting;
using OtpNet;

namespace Auth.Api.Tests.Mfa;

/// <summary>Replacing a confirmed authenticator takes a code from it: an access token alone cannot swap the second factor.</summary>
public sealed class TotpReplacementTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Generating_again_without_a_current_code_is_refused_and_with_one_starts_a_replacement()
    {
        var (_, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var token = tokens.GetProperty("access_token").GetString()!;
        var first = await GenerateAsync(token, null);
        Assert.That(await VerifyAsync(token, Code(first.Secret!, 0)), Is.EqualTo(HttpStatusCode.OK));

        var withoutCode = await GenerateAsync(token, null);
        var withWrongCode = await GenerateAsync(token, "000000");
        var withCode = await GenerateAsync(token, Code(first.Secret!, 1));

        Assert.Multiple(() =>
        {
            Assert.That(withoutCode.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(withWrongCode.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(withCode.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(withCode.Secret, Is.Not.EqualTo(first.Secret));
        });

        // The old authenticator stays in force until the new one is confirmed.
        Server.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.That(await VerifyAsync(token, Code(first.Secret!, 0)), Is.EqualTo(HttpStatusCode.OK));
        Server.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.That(await VerifyAsync(token, Code(withCode.Secret!, 0)), Is.EqualTo(HttpStatusCode.OK));
        Server.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.That(await VerifyAsync(token, Code(first.Secret!, 0)), Is.EqualTo(HttpStatusCode.BadRequest), "replaced");
    }

    private string Code(string secret, int steps) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Server.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * steps));

    private async Task<(HttpStatusCode Status, string? Secret)> GenerateAsync(string token, string? code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/generate") { Content = code is null ? null : JsonContent.Create(new { code }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Server.Client.SendAsync(request);
        var body = await OAuthClient.ReadJsonAsync(response);
        return (response.StatusCode, body.TryGetProperty("secret", out var secret) ? secret.GetString() : null);
    }

    private async Task<HttpStatusCode> VerifyAsync(string token, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/verify") { Content = JsonContent.Create(new { code }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Server.Client.SendAsync(request);
        return response.StatusCode;
    }
}
