using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>OAuth:PushedAuthorizationRequests=false: the endpoint is gone and discovery does not advertise it.</summary>
public sealed class PushedAuthorizationRequestsOffTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OAuth:PushedAuthorizationRequests"] = "false" };

    [Test]
    public async Task Discovery_does_not_advertise_it_and_a_push_finds_no_endpoint()
    {
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));
        using var push = await OAuth.PostFormAsync("/oauth/par",
            OAuthClient.Form(("response_type", "code"), ("redirect_uri", TestSeed.WebAppCallback), ("scope", "openid")),
            OAuthClient.Basic(TestSeed.WebApp.Id, TestSeed.WebApp.Secret));

        Assert.Multiple(() =>
        {
            Assert.That(discovery.RootElement.TryGetProperty("pushed_authorization_request_endpoint", out _), Is.False);
            Assert.That(discovery.RootElement.TryGetProperty("pushed_authorization_request_endpoint_auth_methods_supported", out _), Is.False);
            Assert.That(discovery.RootElement.GetProperty("require_pushed_authorization_requests").GetBoolean(), Is.False, "RFC 9126 §5: true would say pushing is the only way");
            Assert.That(push.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
