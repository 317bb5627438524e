using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// The device authorization grant (RFC 8628): a real client (openid-client) signs a device in while the user approves
/// at /device, and the attacks on it — a wrong code, polling too fast, an expired or spent device code, a client without
/// the grant.
/// </summary>
public sealed class DeviceAuthorizationTests(StoreKind store) : UserFlowTest(store)
{
    private const string Scope = "openid profile offline_access";

    [Test]
    public async Task Openid_client_signs_a_device_in_while_the_user_approves_at_the_verification_page()
    {
        var client = await RegisterDeviceClientAsync();
        var user = await CreateUserAsync();
        var start = await RunAsync(client, "start");
        var response = start.GetProperty("response");
        Assert.That(start.GetProperty("deviceAuthorizationEndpoint").GetString(), Is.EqualTo(Server.BaseAddress + "oauth/device"));

        using var browser = NewBrowser();
        var confirmation = await ConfirmationPageAsync(browser, response, user);
        using var allowed = await browser.SubmitFormAsync(confirmation, "/device", new Dictionary<string, string>(), button: "consent=accept");
        using var done = await browser.FollowLocalRedirectsAsync(allowed);
        Assert.That(await done.Content.ReadAsStringAsync(), Does.Contain("Your device is signed in"));

        var finish = await RunAsync(client, "finish", response);
        Assert.Multiple(() =>
        {
            Assert.That(finish.GetProperty("claims").GetProperty("preferred_username").GetString(), Is.EqualTo(user));
            Assert.That(finish.GetProperty("claims").GetProperty("aud").GetString(), Is.EqualTo(client.Id));
            Assert.That(finish.GetProperty("tokens").GetProperty("refresh_token").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task A_denied_device_gets_access_denied()
    {
        var client = await RegisterDeviceClientAsync();
        var user = await CreateUserAsync();
        var response = (await RunAsync(client, "start")).GetProperty("response");

        using var browser = NewBrowser();
        var confirmation = await ConfirmationPageAsync(browser, response, user);
        using var denied = await browser.SubmitFormAsync(confirmation, "/device", new Dictionary<string, string>(), button: "consent=deny");
        using var done = await browser.FollowLocalRedirectsAsync(denied);
        Assert.That(await done.Content.ReadAsStringAsync(), Does.Contain("The device was not signed in"));

        var finish = await RunAsync(client, "finish", response);
        Assert.That(finish.GetProperty("error").GetString(), Is.EqualTo("access_denied"), finish.ToString());
    }

    [Test]
    public async Task A_wrong_code_is_refused_on_the_page_and_approves_nothing()
    {
        var client = await RegisterDeviceClientAsync();
        var user = await CreateUserAsync();
        var response = (await RunAsync(client, "start")).GetProperty("response");
        using var browser = NewBrowser();
        await browser.SignInAsync(await browser.GetAsync("/device?user_code=" + response.GetProperty("user_code").GetString()), user, Password);

        using var wrong = await browser.GetAsync("/device?user_code=0000-0000-0000");
        var html = await wrong.Content.ReadAsStringAsync();
        using var poll = await PollAsync(client, response.GetProperty("device_code").GetString()!);
        Assert.Multiple(async () =>
        {
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), html);
            Assert.That(html, Does.Contain("<code>invalid_request</code>"));
            Assert.That((await OAuthClient.ReadJsonAsync(poll)).GetProperty("error").GetString(), Is.EqualTo("authorization_pending"));
        });
    }

    [Test]
    public async Task Polling_too_fast_is_told_to_slow_down_and_the_interval_grows()
    {
        var client = await RegisterDeviceClientAsync();
        var deviceCode = (await RunAsync(client, "start")).GetProperty("response").GetProperty("device_code").GetString()!;

        using var first = await PollAsync(client, deviceCode);
        using var second = await PollAsync(client, deviceCode);
        Server.Clock.Advance(TimeSpan.FromSeconds(6));
        using var third = await PollAsync(client, deviceCode);
        Server.Clock.Advance(TimeSpan.FromSeconds(16));
        using var fourth = await PollAsync(client, deviceCode);

        Assert.Multiple(async () =>
        {
            Assert.That((await OAuthClient.ReadJsonAsync(first)).GetProperty("error").GetString(), Is.EqualTo("authorization_pending"));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(second)).GetProperty("error").GetString(), Is.EqualTo("slow_down"));
            Assert.That((await OAuthClient.ReadJsonAsync(third)).GetProperty("error").GetString(), Is.EqualTo("slow_down"), "the interval is 10 s after one slow_down, then 15 s");
            Assert.That((await OAuthClient.ReadJsonAsync(fourth)).GetProperty("error").GetString(), Is.EqualTo("authorization_pending"));
        });
    }

    [Test]
    public async Task A_device_code_expires_and_is_good_for_one_exchange()
    {
        var client = await RegisterDeviceClientAsync();
        var user = await CreateUserAsync();
        var response = (await RunAsync(client, "start")).GetProperty("response");
        var deviceCode = response.GetProperty("device_code").GetString()!;
        using var browser = NewBrowser();
        var confirmation = await ConfirmationPageAsync(browser, response, user);
        await browser.SubmitFormAsync(confirmation, "/device", new Dictionary<string, string>(), button: "consent=accept");

        using var exchanged = await PollAsync(client, deviceCode);
        Server.Clock.Advance(TimeSpan.FromSeconds(6));
        using var again = await PollAsync(client, deviceCode);

        var unused = (await RunAsync(client, "start")).GetProperty("response").GetProperty("device_code").GetString()!;
        Server.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using var expired = await PollAsync(client, unused);

        Assert.Multiple(async () =>
        {
            Assert.That(exchanged.StatusCode, Is.EqualTo(HttpStatusCode.OK), await exchanged.Content.ReadAsStringAsync());
            Assert.That((await OAuthClient.ReadJsonAsync(again)).GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
            Assert.That((await OAuthClient.ReadJsonAsync(expired)).GetProperty("error").GetString(), Is.EqualTo("expired_token"));
        });
    }

    [Test]
    public async Task A_client_without_the_grant_cannot_start_a_device_sign_in()
    {
        using var response = await OAuth.PostFormAsync("/oauth/device", OAuthClient.Form(("client_id", TestSeed.SpaId), ("scope", "openid")));
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("unauthorized_client"));
        });
    }

    [Test]
    public async Task A_client_that_requires_a_second_factor_sends_the_user_to_enrol_first()
    {
        var client = await RegisterDeviceClientAsync(requireMfa: true);
        var user = await CreateUserAsync();
        var response = (await RunAsync(client, "start")).GetProperty("response");
        using var browser = NewBrowser();

        var signedIn = await browser.SignInAsync(await browser.GetAsync(VerificationPath(response)), user, Password);
        using var next = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);

        Assert.That(UserAgent.PathOf(next.Headers.Location!), Is.EqualTo("/account/mfa/enrol"), "a user without an authenticator enrols before approving");
    }

    private static string VerificationPath(JsonElement response) => new Uri(response.GetProperty("verification_uri_complete").GetString()!).PathAndQuery;

    /// <summary>Opens verification_uri_complete, signs in, and returns the confirmation page.</summary>
    private static async Task<string> ConfirmationPageAsync(UserAgent browser, JsonElement response, string user)
    {
        var challenge = await browser.GetAsync(VerificationPath(response));
        var signedIn = await browser.SignInAsync(challenge, user, Password);
        using var page = await browser.FollowLocalRedirectsAsync(signedIn);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(html, Does.Contain(response.GetProperty("user_code").GetString()!), "the page shows the code to compare with the device's");
            Assert.That(html, Does.Contain($"<img class=\"client-logo\" src=\"{Logo}\" alt=\"Command line\" />"), "the client's logo");
            Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("img-src 'self' data: https://cli.example;"));
        });
        return html;
    }

    private Task<HttpResponseMessage> PollAsync(TestClient client, string deviceCode) =>
        OAuth.PostFormAsync("/oauth/token",
            OAuthClient.Form(("grant_type", ClientGrantTypes.DeviceCode), ("device_code", deviceCode), ("client_id", client.Id)));

    private Task<JsonElement> RunAsync(TestClient client, string step, JsonElement? response = null) =>
        RelyingPartyScript.RunAsync("device-flow.mjs", new Dictionary<string, object?>
        {
            ["step"] = step,
            ["issuer"] = Server.BaseAddress.AbsoluteUri,
            ["clientId"] = client.Id,
            ["scope"] = Scope,
            ["response"] = response,
        });

    private const string Logo = "https://cli.example/logo.png";

    /// <summary>A public client of the device grant (a CLI), of the calling test's own, with a logo.</summary>
    private async Task<TestClient> RegisterDeviceClientAsync(bool requireMfa = false)
    {
        var client = new TestClient("device-" + Guid.NewGuid().ToString("N")[..8], string.Empty);
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
        {
            ClientId = client.Id,
            DisplayName = "Command line",
            GrantTypes = [ClientGrantTypes.DeviceCode, ClientGrantTypes.RefreshToken],
            Scopes = ["openid", "profile", "offline_access"],
            RequireMfa = requireMfa,
            LogoUri = Logo,
        }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return client;
    }
}
