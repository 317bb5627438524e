using System.Net;
using Auth.Api.OAuth;
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth;

/// <summary>A client acting for itself gets no user scope: no ID token about a client, no user API through its token.</summary>
public sealed class ClientCredentialsScopeTests(StoreKind store) : ServerTest(store)
{
    [TestCase("openid")]
    [TestCase("profile")]
    [TestCase("email")]
    [TestCase("offline_access")]
    [TestCase("mfa")]
    [TestCase("openid " + TestSeed.OrdersRead)]
    public async Task User_scopes_are_invalid_scope_even_when_the_client_lists_them(string scope)
    {
        using var response = await OAuth.RequestTokenAsync(TestSeed.UserScopesService, scope);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_scope"));
            Assert.That(body.TryGetProperty("access_token", out _), Is.False);
            Assert.That(body.TryGetProperty("id_token", out _), Is.False);
        });
    }

    [Test]
    public async Task A_wrong_secret_is_still_invalid_client_whatever_the_scope()
    {
        using var response = await OAuth.RequestTokenAsync(TestSeed.UserScopesService with { Secret = "wrong-secret-value" }, "openid");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await OAuthClient.ReadJsonAsync(response)).GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
    }

    [Test]
    public async Task Openid_is_invalid_scope_for_a_client_that_does_not_list_it()
    {
        using var response = await OAuth.RequestTokenAsync(TestSeed.ServiceA, "openid " + TestSeed.OrdersRead);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_scope"));
    }

    [Test]
    public async Task The_same_client_still_gets_its_api_scope()
    {
        using var response = await OAuth.RequestTokenAsync(TestSeed.UserScopesService, TestSeed.OrdersRead);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.TryGetProperty("id_token", out _), Is.False);
    }

    [Test]
    public async Task A_provisioning_token_cannot_carry_a_user_scope()
    {
        using var scope = Server.Services.CreateScope();
        var issuer = scope.ServiceProvider.GetRequiredService<ProvisioningTokenIssuer>();

        var result = await issuer.IssueAsync(TestSeed.UserScopesService.Id, "mfa", lifetime: null, CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error!.Description, Does.Contain("for users"));
    }
}
