using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Testing;

namespace OrdersApi.Tests;

/// <summary>
/// The orders API against a real identity server: one <see cref="AuthTestServer"/> and one API for the fixture, the
/// server reset and both clocks back to the real time before each test.
/// </summary>
public sealed class OrdersApiTests
{
    private readonly MovableClock _apiClock = new();
    private AuthTestServer _auth = null!;
    private OrdersApiFactory _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _auth = await AuthTestServer.StartAsync(new AuthTestServerOptions { Seed = SampleWorld.Seed });
        _api = new OrdersApiFactory(_auth.Issuer, _apiClock);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _auth.DisposeAsync();
    }

    [SetUp]
    public async Task ResetAsync()
    {
        await _auth.ResetAsync();
        await _auth.SetClockOffsetAsync(TimeSpan.Zero);
        _apiClock.Offset = TimeSpan.Zero;
    }

    [Test]
    public async Task Without_a_token_the_orders_are_401()
    {
        using var client = _api.CreateClient();

        using var response = await client.GetAsync("/orders");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_client_token_with_orders_read_gets_the_orders()
    {
        var tokens = await _auth.GetClientTokenAsync(SampleWorld.Reader, scope: "orders.read");

        using var response = await GetAsync("/orders", tokens.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_token_for_the_api_without_orders_read_is_403()
    {
        var tokens = await _auth.GetClientTokenAsync(SampleWorld.Writer, scope: "orders.write");

        using var response = await GetAsync("/orders", tokens.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_users_token_brings_their_sub_and_the_extra_claim_to_the_api()
    {
        var user = await _auth.CreateUserAsync("bob", "bob-password-0123");
        var tokens = await _auth.GetUserTokensAsync(user.UserName, SampleWorld.WebApp, "openid orders.read", new { tenant = "contoso" });

        using var response = await GetAsync("/orders/me", tokens.AccessToken);

        var caller = await response.Content.ReadFromJsonAsync<OrdersEndpoints.Caller>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(caller!.Sub, Is.EqualTo(user.Id));
            Assert.That(caller.ClientId, Is.EqualTo(SampleWorld.WebApp));
            Assert.That(caller.Tenant, Is.EqualTo("contoso"));
        });
    }

    [Test]
    public async Task An_expired_token_is_refused_once_both_clocks_passed_its_lifetime()
    {
        var user = await _auth.CreateUserAsync("carol", "carol-password-0123");
        var tokens = await _auth.GetUserTokensAsync(user.UserName, SampleWorld.WebApp, "orders.read");
        using var before = await GetAsync("/orders", tokens.AccessToken);

        // Past the lifetime and JwtBearer's default five minutes of clock skew, on the server and on the API.
        var moved = await _auth.AdvanceClockAsync(TimeSpan.FromSeconds(tokens.ExpiresIn) + TimeSpan.FromMinutes(6));
        using var onlyServerMoved = await GetAsync("/orders", tokens.AccessToken);
        _apiClock.Offset = moved.Offset;

        using var after = await GetAsync("/orders", tokens.AccessToken);
        var introspection = await _auth.IntrospectAsync(tokens.AccessToken, SampleWorld.WebApp);
        Assert.Multiple(() =>
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(onlyServerMoved.StatusCode, Is.EqualTo(HttpStatusCode.OK), "JwtBearer reads the API's clock, not the server's");
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(after.Headers.WwwAuthenticate.ToString(), Does.Contain("invalid_token").And.Contain("lifetime is invalid"));
            Assert.That(introspection.GetProperty("active").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task A_user_created_in_one_test_is_gone_after_the_reset()
    {
        await _auth.CreateUserAsync("dave", "dave-password-0123");

        await _auth.ResetAsync();

        var refused = Assert.ThrowsAsync<AuthTestServerException>(() => _auth.GetUserTokensAsync("dave", SampleWorld.WebApp, "orders.read"));
        Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string accessToken)
    {
        using var client = _api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request);
    }
}
