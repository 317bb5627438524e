using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// The claims request parameter (OpenID Connect Core §5.5): claims asked for one by one come in the ID token or from
/// userinfo, as asked, within what the client may see; a malformed request is refused. And email_verified.
/// </summary>
public sealed class ClaimsParameterTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Discovery_says_the_claims_parameter_works_and_lists_email_verified_and_the_acr_values()
    {
        using var response = await Server.Client.GetAsync("/.well-known/openid-configuration");
        var document = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(document.GetProperty("claims_parameter_supported").GetBoolean(), Is.True);
            Assert.That(document.GetProperty("claims_supported").EnumerateArray().Select(c => c.GetString()), Does.Contain("email_verified").And.Contain("sid"));
            Assert.That(document.GetProperty("acr_values_supported").EnumerateArray().Select(c => c.GetString()),
                Is.EqualTo(new[] { "urn:auth:acr:pwd", "urn:auth:acr:mfa" }));
        });
    }

    [Test]
    public async Task Claims_asked_for_the_id_token_come_in_it_without_their_scope_and_again_after_a_refresh()
    {
        var tokens = await SignInAsync(TestSeed.WebApp, "openid offline_access",
            """{"id_token":{"email":null,"name":{"essential":true},"nickname":null}}""");
        var idToken = Jwt.Payload(tokens.GetProperty("id_token").GetString()!);
        var accessToken = Jwt.Payload(tokens.GetProperty("access_token").GetString()!);
        using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);
        var refreshedIdToken = Jwt.Payload((await OAuthClient.ReadJsonAsync(refreshed)).GetProperty("id_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(idToken["email"]?.GetValue<string>(), Does.EndWith("@example.com"));
            Assert.That(idToken["email_verified"]?.GetValue<bool>(), Is.False, "email_verified goes with email");
            Assert.That(idToken["name"]?.GetValue<string>(), Does.StartWith("Test "));
            Assert.That(idToken.ContainsKey("given_name"), Is.False, "only what was asked for, not the whole profile");
            Assert.That(idToken.ContainsKey("nickname"), Is.False, "a claim this server does not hold is ignored");
            Assert.That(accessToken.ContainsKey("email"), Is.False, "asked for the ID token, not for APIs");
            Assert.That(refreshedIdToken["email"]?.GetValue<string>(), Is.EqualTo(idToken["email"]?.GetValue<string>()));
        });
    }

    [Test]
    public async Task Claims_asked_for_userinfo_come_from_userinfo_and_not_in_the_id_token()
    {
        var tokens = await SignInAsync(TestSeed.WebApp, "openid",
            """{"userinfo":{"email":null,"preferred_username":null,"auth_time":null}}""");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await Server.Client.SendAsync(request);
        var userInfo = await OAuthClient.ReadJsonAsync(response);
        var idToken = Jwt.Payload(tokens.GetProperty("id_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), userInfo.ToString());
            Assert.That(userInfo.GetProperty("email").GetString(), Does.EndWith("@example.com"));
            Assert.That(userInfo.GetProperty("email_verified").GetBoolean(), Is.False);
            Assert.That(userInfo.GetProperty("preferred_username").GetString(), Does.StartWith("user-"));
            Assert.That(userInfo.GetProperty("auth_time").GetInt64(), Is.EqualTo(idToken["auth_time"]!.GetValue<long>()));
            Assert.That(userInfo.TryGetProperty("name", out _), Is.False);
            Assert.That(idToken.ContainsKey("email"), Is.False, "asked of userinfo only");
        });
    }

    [TestCase("not json")]
    [TestCase("[\"email\"]")]
    [TestCase("{\"id_token\":[\"email\"]}")]
    [TestCase("{\"userinfo\":{\"email\":true}}")]
    [TestCase("{\"id_token\":{\"email\":{\"essential\":\"yes\"}}}")]
    [TestCase("{\"id_token\":{\"acr\":{\"values\":\"urn:auth:acr:mfa\"}}}")]
    [TestCase("{\"\\ud800\":null}")] // a lone surrogate parses as JSON but is no string: once a 500
    [TestCase("{\"id_token\":{\"\\udc00x\":null}}")]
    [TestCase("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"\\ud800\"]}}}")]
    public async Task A_malformed_claims_parameter_is_invalid_request_at_the_client(string claims)
    {
        using var browser = NewBrowser();

        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("claims", claims)]));

        var parameters = CallbackParameters(response, TestSeed.WebAppCallback);
        Assert.Multiple(() =>
        {
            Assert.That(parameters["error"], Is.EqualTo("invalid_request"));
            Assert.That(parameters["state"], Is.EqualTo("state-123"));
        });
    }

    [Test]
    public async Task A_third_party_client_gets_no_claim_beyond_the_scopes_its_user_allowed()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var consent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, "openid", pkce,
            extra: [("claims", """{"id_token":{"email":null,"name":null,"preferred_username":null}}""")]), user);
        var html = await consent.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("Allow Partner Portal?"));
        using var allowed = await browser.SubmitFormAsync(html, "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        var code = CallbackParameters(allowed, TestSeed.PartnerCallback)["code"];
        var tokens = await RedeemForTokensAsync(TestSeed.PartnerApp, code, TestSeed.PartnerCallback, pkce.Verifier);

        var idToken = Jwt.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(idToken.ContainsKey("email"), Is.False, "the client may not have the email scope");
            Assert.That(idToken.ContainsKey("name"), Is.False, "the user allowed openid only, not the profile");
            Assert.That(idToken.ContainsKey("preferred_username"), Is.False);
        });
    }

    [Test]
    public async Task Email_verified_is_true_when_the_seed_file_vouches_for_the_address_or_a_directory_provisioned_it()
    {
        var unverified = await CreateUserAsync();
        var vouched = "user-" + Guid.NewGuid().ToString("N")[..10];
        using (var scope = Server.Services.CreateScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterUser(new UserDefinition
            {
                UserName = vouched,
                Password = Password,
                Email = vouched + "@example.com",
                EmailVerified = true,
            }));
            Assert.That(registered.Succeeded, Is.True);
        }

        var provisioned = "user-" + Guid.NewGuid().ToString("N")[..10];
        var scim = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim"));
        var (created, body) = await scim.PostAsync("/Users", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{provisioned}}","password":"{{Password}}",
             "emails":[{"value":"{{provisioned}}@example.com","type":"work","primary":true}],"active":true}
            """);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body?.ToJsonString());

        Assert.Multiple(async () =>
        {
            Assert.That(await EmailVerifiedAsync(unverified), Is.False, "an address nobody vouches for");
            Assert.That(await EmailVerifiedAsync(vouched), Is.True, "emailVerified in the seed file");
            Assert.That(await EmailVerifiedAsync(provisioned), Is.True, "provisioned by a directory");
        });
    }

    private async Task<bool?> EmailVerifiedAsync(string userName)
    {
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(userName, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, "openid email");
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        return Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["email_verified"]?.GetValue<bool>();
    }

    private async Task<JsonElement> SignInAsync(TestClient client, string scope, string claims)
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var response = await SignInThroughAsync(browser, AuthorizeUrl(client.Id, TestSeed.WebAppCallback, scope, pkce, extra: [("claims", claims)]), user);
        var code = CallbackParameters(response, TestSeed.WebAppCallback)["code"];
        return await RedeemForTokensAsync(client, code, TestSeed.WebAppCallback, pkce.Verifier);
    }
}
