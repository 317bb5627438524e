using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>An authorization code is bound to its client and redirect URI, and is good once (RFC 6749 §4.1.2, §4.1.3).</summary>
public sealed class CodeRedemptionTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task A_replayed_code_is_invalid_grant_and_revokes_the_tokens_of_the_first_redemption()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);
        var first = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var accessToken = first.GetProperty("access_token").GetString()!;
        Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp), Is.True);

        using var replay = await RedeemAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var body = await OAuthClient.ReadJsonAsync(replay);

        Assert.Multiple(async () =>
        {
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
            Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp), Is.False, "RFC 6749 §4.1.2: tokens from the first redemption are revoked");
            using var refresh = await RefreshAsync(TestSeed.WebApp, first.GetProperty("refresh_token").GetString()!);
            Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task A_code_stolen_by_another_client_is_refused()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);

        using var stolen = await RedeemAsync(TestSeed.PartnerApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var body = await OAuthClient.ReadJsonAsync(stolen);

        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
    }

    [TestCase("https://app.example/other")]
    [TestCase(null)]
    public async Task A_redirect_uri_that_differs_from_the_authorize_request_is_refused(string? redirectUri)
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);

        using var response = await RedeemAsync(TestSeed.WebApp, code, redirectUri!, pkce.Verifier);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_code_expires_after_its_lifetime()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);
        Server.Clock.Advance(TimeSpan.FromMinutes(6));

        using var response = await RedeemAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
    }

    [Test]
    public async Task Ten_parallel_redemptions_of_one_code_give_exactly_one_success()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RedeemAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1),
            string.Join(", ", responses.Select(r => (int)r.StatusCode)));
        Assert.That(responses.Where(r => r.StatusCode != HttpStatusCode.OK).Select(r => (int)r.StatusCode), Is.All.EqualTo(400), "losers get invalid_grant, never a 500");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
