using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Testing;

/// <summary>
/// POST /testing/tokens in ephemeral mode: a named user's tokens through the real token pipeline, without a browser,
/// and every way of asking for more than that refused.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class TestingGrantTests
{
    private EphemeralInstance _server = null!;

    static TestingGrantTests() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    [OneTimeSetUp]
    public async Task Start() => _server = await EphemeralInstance.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task A_user_token_set_carries_the_users_claims_the_scopes_and_the_extra_claims_and_works_everywhere()
    {
        var tokens = await _server.MintOkAsync(EphemeralSeed.Alice, "openid profile email offline_access orders.read",
            """{"tenant":"contoso","level":3,"features":["a","b"]}""");
        var access = tokens.GetProperty("access_token").GetString()!;
        var payload = Jwt.Payload(access);
        var id = Jwt.Payload(tokens.GetProperty("id_token").GetString()!);

        using var userInfo = await _server.SendJsonAsync(HttpMethod.Get, "/oauth/userinfo", null, access);
        var claims = JsonDocument.Parse(await userInfo.Content.ReadAsStringAsync()).RootElement;
        using var refreshed = await _server.PostFormAsync("/oauth/token",
            new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! },
            EphemeralSeed.WebApp, EphemeralSeed.WebAppSecret);

        Assert.Multiple(() =>
        {
            Assert.That(payload["iss"]!.GetValue<string>(), Is.EqualTo(_server.Issuer.AbsoluteUri));
            Assert.That(payload["client_id"]!.GetValue<string>(), Is.EqualTo(EphemeralSeed.WebApp));
            Assert.That(payload["aud"]!.ToJsonString(), Does.Contain("eph-api"));
            Assert.That(payload["scope"]!.GetValue<string>().Split(' '), Does.Contain("orders.read"));
            Assert.That(payload["tenant"]!.GetValue<string>(), Is.EqualTo("contoso"));
            Assert.That(payload["level"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(payload["features"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(payload["acr"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(id["preferred_username"]!.GetValue<string>(), Is.EqualTo(EphemeralSeed.Alice));
            Assert.That(id["email"]!.GetValue<string>(), Is.EqualTo("alice@example.com"));
            Assert.That(id["tenant"]!.GetValue<string>(), Is.EqualTo("contoso"));
            Assert.That(id["sub"]!.GetValue<string>(), Is.EqualTo(payload["sub"]!.GetValue<string>()));
            Assert.That(userInfo.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(claims.GetProperty("preferred_username").GetString(), Is.EqualTo(EphemeralSeed.Alice));
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the refresh token is a real one");
        });
        Assert.That(await _server.IsActiveAsync(access), Is.True);
    }

    [Test]
    public async Task The_authentication_methods_asked_for_set_amr_and_acr()
    {
        var password = Jwt.Payload((await _server.MintOkAsync(EphemeralSeed.Alice, "openid")).GetProperty("access_token").GetString()!);
        var twoFactor = Jwt.Payload((await _server.MintOkAsync(EphemeralSeed.Alice, "openid", amr: "pwd otp")).GetProperty("access_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(password["amr"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "pwd" }));
            Assert.That(twoFactor["amr"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "pwd", "otp" }));
            Assert.That(twoFactor["acr"]!.GetValue<string>(), Is.Not.EqualTo(password["acr"]!.GetValue<string>()));
        });
    }

    [TestCase("""{"sub":"someone-else"}""", TestName = "A reserved claim (sub) is refused")]
    [TestCase("""{"aud":"another-api"}""", TestName = "A reserved claim (aud) is refused")]
    [TestCase("""{"exp":4102444800}""", TestName = "A reserved claim (exp) is refused")]
    [TestCase("""{"scope":"admin"}""", TestName = "A reserved claim (scope) is refused")]
    [TestCase("""{"oi_tkn_id":"x"}""", TestName = "An OpenIddict private claim is refused")]
    [TestCase("""["not","an","object"]""", TestName = "Extra claims that are not an object are refused")]
    [TestCase("""{not json""", TestName = "Extra claims that are not JSON are refused")]
    public async Task Extra_claims_cannot_forge_what_the_server_decides(string extraClaims)
    {
        using var response = await _server.MintAsync(EphemeralSeed.Alice, "openid", extraClaims);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        });
    }

    [Test]
    public async Task Nothing_is_minted_for_an_unknown_user_a_scope_the_client_lacks_a_wrong_secret_or_no_user()
    {
        using var unknownUser = await _server.MintAsync("nobody", "openid");
        using var foreignScope = await _server.MintAsync(EphemeralSeed.Alice, "openid admin.users.write");
        using var wrongSecret = await _server.MintAsync(EphemeralSeed.Alice, "openid", secret: "not-the-secret-0123456789");
        using var noUser = await _server.PostFormAsync("/testing/tokens",
            new() { ["grant_type"] = "urn:auth:grant-type:testing", ["scope"] = "openid" }, EphemeralSeed.WebApp, EphemeralSeed.WebAppSecret);

        Assert.Multiple(async () =>
        {
            Assert.That(unknownUser.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await ErrorOfAsync(unknownUser), Is.EqualTo("invalid_grant"));
            Assert.That(foreignScope.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await ErrorOfAsync(foreignScope), Is.EqualTo("invalid_scope"));
            Assert.That(wrongSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await ErrorOfAsync(wrongSecret), Is.EqualTo("invalid_client"));
            Assert.That(noUser.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await ErrorOfAsync(noUser), Is.EqualTo("invalid_request"));
        });
    }

    [Test]
    public async Task The_testing_grant_is_answered_at_testing_tokens_only_and_nothing_else_is()
    {
        using var atTokenEndpoint = await _server.MintAsync(EphemeralSeed.Alice, "openid", path: "/oauth/token");
        using var otherGrantAtTesting = await _server.PostFormAsync("/testing/tokens",
            new() { ["grant_type"] = "client_credentials", ["scope"] = "orders.read" }, EphemeralSeed.Service, EphemeralSeed.ServiceSecret);
        var clientToken = await _server.ClientTokenAsync(EphemeralSeed.Service, EphemeralSeed.ServiceSecret, "orders.read");

        Assert.Multiple(async () =>
        {
            Assert.That(atTokenEndpoint.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await ErrorOfAsync(atTokenEndpoint), Is.EqualTo("unsupported_grant_type"));
            Assert.That(otherGrantAtTesting.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await ErrorOfAsync(otherGrantAtTesting), Is.EqualTo("unsupported_grant_type"));
            Assert.That(Jwt.Payload(clientToken)["sub"]!.GetValue<string>(), Is.EqualTo(EphemeralSeed.Service), "client_credentials works as ever");
        });
    }

    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
}
