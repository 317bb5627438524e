using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.OAuth.Registration;

/// <summary>ClientRegistration:Mode Off (the default): no endpoint, nothing in discovery.</summary>
public sealed class DynamicClientRegistrationOffTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task There_is_no_endpoint_and_discovery_names_none()
    {
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));
        using var register = await Server.Client.PostAsync("/oauth/register", JsonContent.Create(new { redirect_uris = new[] { "https://x.example/cb" } }));
        using var read = await Server.Client.GetAsync("/oauth/register/web-app");
        Assert.Multiple(() =>
        {
            Assert.That(discovery.RootElement.TryGetProperty("registration_endpoint", out _), Is.False);
            Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}

/// <summary>ClientRegistration:Mode=Open: anyone registers, within the policy, and is still a third-party client.</summary>
public sealed class DynamicClientRegistrationOpenTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ClientRegistration:Mode"] = "Open",
        ["ClientRegistration:Scopes:0"] = TestSeed.OrdersRead,
        ["ClientRegistration:GrantTypes:0"] = "client_credentials",
    };

    [Test]
    public async Task Openid_client_registers_without_a_token_within_the_configured_policy()
    {
        var registered = await RelyingPartyScript.RunAsync("dynamic-registration.mjs", new Dictionary<string, object?>
        {
            ["issuer"] = Server.BaseAddress.AbsoluteUri,
            ["metadata"] = new Dictionary<string, object> { ["client_name"] = "Agent", ["grant_types"] = new[] { "client_credentials" }, ["scope"] = TestSeed.OrdersRead },
            ["scope"] = TestSeed.OrdersRead,
        });
        using var beyond = await Server.Client.PostAsync("/oauth/register", JsonContent.Create(new { grant_types = new[] { "authorization_code" }, redirect_uris = new[] { "https://x.example/cb" } }));
        Assert.Multiple(async () =>
        {
            Assert.That(registered.GetProperty("metadata").GetProperty("client_id").GetString(), Does.StartWith("dyn-"));
            Assert.That(registered.GetProperty("used").GetProperty("access_token").GetString(), Is.Not.Empty, "the new client got a token at once");
            Assert.That(beyond.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "authorization_code is not in this server's policy");
            Assert.That((await OAuthClient.ReadJsonAsync(beyond)).GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"));
        });
    }
}

/// <summary>Registration draws from a rate-limit bucket (here one of its own, as docs/configuration.md shows).</summary>
public sealed class DynamicClientRegistrationRateLimitTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ClientRegistration:Mode"] = "Open",
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:Endpoints:0:Name"] = "registration",
        ["RateLimiting:Endpoints:0:PathPrefix"] = "/oauth/register",
        ["RateLimiting:Endpoints:0:BurstLimit"] = "3",
        ["RateLimiting:Endpoints:0:TokensPerSecond"] = "0.01",
    };

    [Test]
    public async Task A_burst_of_registrations_is_refused_past_the_bucket()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await Server.Client.PostAsync("/oauth/register",
                JsonContent.Create(new { client_name = "Burst", redirect_uris = new[] { "https://burst.example/cb" } }));
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests }));
    }
}
