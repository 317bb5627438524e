using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Auth.Api.Tests.Hosting;
using Auth.Application.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Hardening;

/// <summary>
/// RFC 9700 §4.3.2: an access token in the query string (kept by logs, history and Referer headers) is no token.
/// The service's APIs take the Authorization header only; userinfo also takes a POST form body (RFC 6750 §2.2).
/// </summary>
public sealed class BearerTokenPlacementTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Scim_refuses_a_token_in_the_query_string_and_creates_nothing()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var userName = "query-" + Guid.NewGuid().ToString("N")[..10];

        using var listed = await Server.Client.GetAsync("/scim/v2/Users?access_token=" + token);
        using var created = await Server.Client.PostAsync("/scim/v2/Users?access_token=" + token, new StringContent(
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}"}""", Encoding.UTF8, ScimClient.MediaType));

        Assert.Multiple(async () =>
        {
            Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await UserExistsAsync(userName), Is.False);
        });
    }

    [Test]
    public async Task Scim_refuses_a_token_in_a_form_body()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");

        using var response = await Server.Client.PostAsync("/scim/v2/Users", new FormUrlEncodedContent([new("access_token", token)]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_audit_log_refuses_a_token_in_the_query_string()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.AdminClient, "admin");

        using var response = await Server.Client.GetAsync("/admin/audit?access_token=" + token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await OAuthClient.ReadJsonAsync(response)).GetProperty("error").GetString(), Is.EqualTo("invalid_token"));
    }

    [Test]
    public async Task The_mfa_api_refuses_a_token_in_the_query_string_or_a_form_body_and_enrols_nothing()
    {
        var (user, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var token = tokens.GetProperty("access_token").GetString()!;

        using var inQuery = await Server.Client.PostAsync("/mfa/totp/generate?access_token=" + token, null);
        using var inForm = await Server.Client.PostAsync("/mfa/totp/generate", new FormUrlEncodedContent([new("access_token", token)]));

        Assert.Multiple(async () =>
        {
            Assert.That(inQuery.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(inForm.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await HasAuthenticatorAsync(user), Is.False);
        });
    }

    [Test]
    public async Task Userinfo_refuses_a_token_in_the_query_string()
    {
        var (_, tokens) = await SignedInTokensAsync();

        using var response = await Server.Client.GetAsync("/oauth/userinfo?access_token=" + tokens.GetProperty("access_token").GetString());

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("\"sub\""));
        });
    }

    [Test]
    public async Task Userinfo_still_takes_the_header_on_a_get_that_also_has_a_query_string()
    {
        var (_, tokens) = await SignedInTokensAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo?unrelated=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());

        using var response = await Server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Userinfo_accepts_a_token_in_a_post_form_body()
    {
        var (_, tokens) = await SignedInTokensAsync();

        using var response = await Server.Client.PostAsync("/oauth/userinfo",
            new FormUrlEncodedContent([new("access_token", tokens.GetProperty("access_token").GetString()!)]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await OAuthClient.ReadJsonAsync(response)).GetProperty("sub").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Userinfo_takes_a_post_with_the_header_and_no_body()
    {
        var (_, tokens) = await SignedInTokensAsync();

        // OpenID Connect Core §5.3.1: GET or POST; a POST with the token in the header need carry no body at all.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await Server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await OAuthClient.ReadJsonAsync(response)).GetProperty("sub").GetString(), Is.Not.Empty);
    }

    private async Task<bool> UserExistsAsync(string userName)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IAuthDbContext>().Users.AnyAsync(u => u.UserName == userName);
    }

    private async Task<bool> HasAuthenticatorAsync(string userName)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        return await db.TotpAuthenticators.AnyAsync(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == userName));
    }
}
