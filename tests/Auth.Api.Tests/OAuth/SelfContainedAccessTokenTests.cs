using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Tests.Hosting;
using Auth.Application.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// ADR 0010: access and ID tokens are self-contained, with no database row; codes and refresh tokens keep theirs.
/// Revocation goes through the in-memory state instead, at once on the node that made the change.
/// </summary>
public sealed class SelfContainedAccessTokenTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task A_client_credentials_token_writes_no_row_and_carries_its_issue_time_in_a_uuid_v7_jti()
    {
        var before = await CountTokenRowsAsync();
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var payload = Jwt.Payload(token);
        var jti = Guid.Parse(payload["jti"]!.GetValue<string>());
        var issuedAt = payload["iat"]!.GetValue<long>();
        var jtiMilliseconds = Convert.ToInt64(jti.ToString("N")[..12], 16);

        Assert.Multiple(async () =>
        {
            Assert.That(await CountTokenRowsAsync(), Is.EqualTo(before), "no row for an access token");
            Assert.That(payload.ContainsKey("oi_tkn_id"), Is.False);
            Assert.That(jti.Version, Is.EqualTo(7));
            Assert.That(jtiMilliseconds / 1000, Is.EqualTo(issuedAt).Within(1), "the jti's time is the issue time");
            Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.True);
        });
    }

    [Test]
    public async Task A_code_flow_writes_rows_for_the_code_and_the_refresh_token_only()
    {
        var before = await CountTokenRowsAsync();
        var (_, tokens) = await SignedInTokensAsync("openid offline_access " + TestSeed.OrdersRead);
        var access = Jwt.Payload(tokens.GetProperty("access_token").GetString()!);

        Assert.Multiple(async () =>
        {
            Assert.That(await CountTokenRowsAsync(), Is.EqualTo(before + 2), "the code and the refresh token");
            Assert.That(access.ContainsKey("oi_tkn_id"), Is.False);
            Assert.That(access.ContainsKey("oi_au_id"), Is.True, "the grant, which a family revocation cuts off");
        });
    }

    [Test]
    public async Task A_revoked_user_access_token_is_refused_at_userinfo_at_once()
    {
        var (_, tokens) = await SignedInTokensAsync("openid offline_access " + TestSeed.OrdersRead);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        Assert.That((await UserInfoAsync(accessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var revoked = await OAuth.RevokeAsync(accessToken, TestSeed.WebApp, "access_token");
        using var refused = await UserInfoAsync(accessToken);

        Assert.Multiple(async () =>
        {
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp), Is.False);
        });
    }

    [Test]
    public async Task A_token_issued_just_after_its_users_cut_off_counts()
    {
        var (userName, tokens) = await SignedInTokensAsync("openid offline_access " + TestSeed.OrdersRead);
        var old = tokens.GetProperty("access_token").GetString()!;

        // A new password cuts off the user's tokens (twice here, to come back to the one the sign-in types); signing
        // in again right away, most often in the same second, gives a token that counts.
        foreach (var password in new[] { "another-horse-battery-2", Password })
        {
            using var scope = Server.Services.CreateScope();
            var changed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterUser(
                new UserDefinition { UserName = userName, Password = password, Email = userName + "@example.com" }, ReplaceExisting: true));
            Assert.That(changed.Succeeded, Is.True, changed.Error?.Description);
        }

        var pkce = Pkce.Create();
        var code = await GetCodeAsync(userName, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, "openid offline_access " + TestSeed.OrdersRead);
        var fresh = (await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier)).GetProperty("access_token").GetString()!;

        Assert.Multiple(async () =>
        {
            Assert.That(await OAuth.IsActiveAsync(old, TestSeed.WebApp), Is.False);
            Assert.That(await OAuth.IsActiveAsync(fresh, TestSeed.WebApp), Is.True);
        });
    }

    private Task<HttpResponseMessage> UserInfoAsync(string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Server.Client.SendAsync(request);
    }

    private async Task<long> CountTokenRowsAsync()
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().CountAsync();
    }
}
