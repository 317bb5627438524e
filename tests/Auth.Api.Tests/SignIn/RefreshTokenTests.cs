using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>Refresh tokens rotate; reuse revokes the family (RFC 9700 §4.14.2); the user is checked on every refresh.</summary>
public sealed class RefreshTokenTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Each_refresh_returns_a_new_refresh_token_and_the_old_one_stops_working()
    {
        var (_, tokens) = await SignedInTokensAsync();
        var first = tokens.GetProperty("refresh_token").GetString()!;

        using var refreshed = await RefreshAsync(TestSeed.WebApp, first);
        var body = await OAuthClient.ReadJsonAsync(refreshed);

        Assert.Multiple(() =>
        {
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("refresh_token").GetString(), Is.Not.EqualTo(first));
            Assert.That(body.GetProperty("access_token").GetString(), Is.Not.Empty);
            Assert.That(body.GetProperty("id_token").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task A_reused_refresh_token_is_invalid_grant_and_revokes_the_whole_family()
    {
        var (_, tokens) = await SignedInTokensAsync();
        var first = tokens.GetProperty("refresh_token").GetString()!;
        using var rotated = await RefreshAsync(TestSeed.WebApp, first);
        var second = await OAuthClient.ReadJsonAsync(rotated);

        using var reuse = await RefreshAsync(TestSeed.WebApp, first);
        var reuseBody = await OAuthClient.ReadJsonAsync(reuse);
        using var afterReuse = await RefreshAsync(TestSeed.WebApp, second.GetProperty("refresh_token").GetString()!);

        Assert.Multiple(async () =>
        {
            Assert.That(reuseBody.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
            Assert.That(afterReuse.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the thief's or the victim's newer token is revoked too");
            Assert.That(await OAuth.IsActiveAsync(second.GetProperty("access_token").GetString()!, TestSeed.WebApp), Is.False);
            Assert.That(await OAuth.IsActiveAsync(tokens.GetProperty("access_token").GetString()!, TestSeed.WebApp), Is.False);
        });
    }

    [Test]
    public async Task Ten_parallel_refreshes_of_one_token_give_exactly_one_success()
    {
        var (_, tokens) = await SignedInTokensAsync();
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefreshAsync(TestSeed.WebApp, refreshToken)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", responses.Select(r => (int)r.StatusCode)));
        Assert.That(responses.Where(r => r.StatusCode != HttpStatusCode.OK).Select(r => (int)r.StatusCode), Is.All.EqualTo(400));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Asking_for_a_wider_scope_on_refresh_is_invalid_scope()
    {
        var (_, tokens) = await SignedInTokensAsync(scope: "openid offline_access");

        using var response = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!, scope: "openid offline_access email");
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_scope"));
    }

    [Test]
    public async Task A_deactivated_user_can_no_longer_refresh_and_their_tokens_are_inactive()
    {
        var (user, tokens) = await SignedInTokensAsync();
        await DeactivateAsync(user);

        using var response = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await OAuth.IsActiveAsync(tokens.GetProperty("access_token").GetString()!, TestSeed.WebApp), Is.False);
        });
    }

    [Test]
    public async Task Revoking_a_refresh_token_also_revokes_the_access_tokens_of_its_grant()
    {
        var (_, tokens) = await SignedInTokensAsync();
        var accessToken = tokens.GetProperty("access_token").GetString()!;

        using var revoked = await OAuth.RevokeAsync(tokens.GetProperty("refresh_token").GetString()!, TestSeed.WebApp, "refresh_token");

        Assert.Multiple(async () =>
        {
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp), Is.False, "RFC 7009 §2.1");
        });
    }

    [Test]
    public async Task Refreshing_stops_at_the_clients_absolute_lifetime_even_while_the_sliding_one_holds()
    {
        var (_, tokens) = await SignedInTokensAsync();
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        // Ten hours at a time: each refresh is well inside the 14-day sliding lifetime; the client's absolute one is 24 hours.
        for (var round = 1; round <= 2; round++)
        {
            Server.Clock.Advance(TimeSpan.FromHours(10));
            using var response = await RefreshAsync(TestSeed.WebApp, refreshToken);
            var body = await OAuthClient.ReadJsonAsync(response);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{round * 10} hours after sign-in: {body}");
            refreshToken = body.GetProperty("refresh_token").GetString()!;
        }

        Server.Clock.Advance(TimeSpan.FromHours(10));
        using var refused = await RefreshAsync(TestSeed.WebApp, refreshToken);
        var refusal = await OAuthClient.ReadJsonAsync(refused);

        Assert.That(refusal.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"), "30 hours after sign-in");
    }
}
