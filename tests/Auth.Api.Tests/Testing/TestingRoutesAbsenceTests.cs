using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Testing;

/// <summary>Outside ephemeral mode the test-only helpers do not exist: no route, no grant, nothing advertised.</summary>
public sealed class TestingRoutesAbsenceTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task The_testing_routes_and_grant_do_not_exist_outside_ephemeral_mode()
    {
        using var reset = await Server.Client.PostAsync(new Uri("/testing/reset", UriKind.Relative), null);
        using var clock = await Server.Client.GetAsync(new Uri("/testing/clock", UriKind.Relative));
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:auth:grant-type:testing",
            ["client_id"] = TestSeed.WebApp.Id,
            ["client_secret"] = TestSeed.WebApp.Secret,
            ["username"] = "alice",
            ["scope"] = "openid",
        };
        using var tokens = await Server.Client.PostAsync(new Uri("/testing/tokens", UriKind.Relative), new FormUrlEncodedContent(form));
        using var grant = await Server.Client.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent(form));
        var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative))).RootElement;

        Assert.Multiple(async () =>
        {
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(clock.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(tokens.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(grant.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(JsonDocument.Parse(await grant.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), Is.EqualTo("unsupported_grant_type"));
            Assert.That(discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()), Does.Not.Contain("urn:auth:grant-type:testing"));
        });
    }
}
