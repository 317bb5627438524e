using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>OAuth:DeviceAuthorization=false: no device endpoint, no verification page, no device_code grant in discovery.</summary>
public sealed class DeviceAuthorizationOffTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OAuth:DeviceAuthorization"] = "false" };

    [Test]
    public async Task Discovery_does_not_advertise_it_and_its_endpoint_and_page_do_not_exist()
    {
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));
        using var start = await OAuth.PostFormAsync("/oauth/device", OAuthClient.Form(("client_id", TestSeed.SpaId), ("scope", "openid")));
        using var page = await Server.Client.GetAsync("/device?user_code=1234-5678-9012");

        Assert.Multiple(() =>
        {
            Assert.That(discovery.RootElement.TryGetProperty("device_authorization_endpoint", out _), Is.False);
            Assert.That(discovery.RootElement.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()),
                Does.Not.Contain("urn:ietf:params:oauth:grant-type:device_code"));
            Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
