using System.Net;
using System.Text;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Hardening;

/// <summary>Every endpoint family has the body limit it needs; a larger body is 413 with the error body, before any work.</summary>
public sealed class RequestBodyLimitTests(StoreKind store) : UserFlowTest(store)
{
    [TestCase("/oauth/token")]
    [TestCase("/oauth/introspect")]
    [TestCase("/oauth/revoke")]
    [TestCase("/account/login")]
    public async Task An_OAuth_or_page_form_over_64_KiB_gets_413(string path)
    {
        var body = "token=" + new string('a', (int)RequestLimits.MaxFormBodyBytes);
        using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await Server.Client.PostAsync(path, content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((await OAuthClient.ReadJsonAsync(response)).GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        Assert.That(response.Headers.ConnectionClose, Is.True, "the unread body ends the connection, and the answer says so");
        using var next = await Server.Client.GetAsync("/health/live");
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the next request gets a fresh connection");
    }

    [Test]
    public async Task An_MFA_body_over_4_KiB_gets_413()
    {
        var (_, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/verify")
        {
            Content = new StringContent($$"""{"code":"{{new string('1', 5000)}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await Server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task A_SCIM_body_of_200_KiB_is_within_its_limit()
    {
        var scim = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim"));
        var (response, _) = await scim.PostAsync("/Users",
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"big-{{Guid.NewGuid():N}}","nickName":"{{new string('n', 200 * 1024)}}"}""");

        Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((int)response.StatusCode, Is.LessThan(500));
    }
}
