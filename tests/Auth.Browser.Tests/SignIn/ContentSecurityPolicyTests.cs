using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Auth.Application.Users;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.SignIn;

/// <summary>
/// The pages work in Chromium under their Content-Security-Policy: no violation is reported on the sign-in page, the
/// authenticator enrolment page (its QR code is a data: image) or the second-factor page, and OpenIddict's form_post
/// response submits itself with its hashed inline script.
/// </summary>
public sealed class ContentSecurityPolicyTests(StoreKind store) : BrowserTest(store)
{
    private const string Password = "csp-user-password-1";

    /// <summary>RFC 6238 §4: the time step of this server and of every authenticator app.</summary>
    private static readonly TimeSpan TimeStep = TimeSpan.FromSeconds(30);

    private PolicyViolations _violations = new();
    private CallbackApp? _callback;
    private PublicClient? _client;

    private CallbackApp Callback => _callback ?? throw new InvalidOperationException("The callback is not served.");

    private PublicClient Client => _client ?? throw new InvalidOperationException("Discovery was not read.");

    [OneTimeSetUp]
    public async Task StartCallback()
    {
        _callback = await CallbackApp.StartAsync(Seed.Callback);
        _client = new PublicClient(Server.Client, await Discovery.ReadAsync(Server.Client), Seed.Callback);
    }

    [OneTimeTearDown]
    public async Task StopCallback()
    {
        if (_callback is not null)
        {
            await _callback.DisposeAsync();
        }
    }

    /// <summary>Each test its own list: a violation belongs to the test whose page reported it.</summary>
    [SetUp]
    public void WatchForViolations()
    {
        _violations = new PolicyViolations();
        _violations.Watch(Page);
    }

    [Test]
    public async Task The_sign_in_enrolment_and_second_factor_pages_report_no_policy_violation()
    {
        var user = await CreateUserAsync("csp", Password);
        var request = Client.NewRequest();
        await Page.OpenAsync(request.Url(Client.Discovery.AuthorizationEndpoint));
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        await Client.WaitForCodeAsync(Page, request);

        await Page.OpenAsync(new Uri(Server.BaseAddress, "account/mfa/enrol").AbsoluteUri);
        var qrCode = Page.GetByAltText("QR code for your authenticator app");
        await Expect(qrCode).ToBeVisibleAsync();
        Assert.That(await qrCode.EvaluateAsync<int>("image => image.complete ? image.naturalWidth : 0"), Is.GreaterThan(0), "the data: image is shown");
        var secret = await Page.Locator("#secret").InnerTextAsync();
        var enrolledAt = Server.Clock.GetUtcNow();
        await new SecondFactorPage(Page).VerifyAsync(Code(secret, enrolledAt));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Authenticator ready" })).ToBeVisibleAsync();

        _violations.Watch(await ReopenPageAsync(new BrowserNewContextOptions()));
        request = Client.NewRequest();
        await Page.OpenAsync(request.Url(Client.Discovery.AuthorizationEndpoint));
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        var secondFactor = new SecondFactorPage(Page);
        await secondFactor.WaitUntilShownAsync(Server.BaseAddress);

        // The enrolment used its own step's code, and a step is good once; the next step's code is accepted a step early.
        var now = Server.Clock.GetUtcNow();
        await secondFactor.VerifyAsync(Code(secret, now > enrolledAt + TimeStep ? now : enrolledAt + TimeStep));
        await Client.WaitForCodeAsync(Page, request);

        Assert.That(_violations.Reported, Is.Empty);
    }

    [Test]
    public async Task A_form_post_response_submits_itself_to_the_client()
    {
        var request = Client.NewRequest();
        await Page.OpenAsync(request.Url(Client.Discovery.AuthorizationEndpoint) + "&response_mode=form_post");
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(BrowserSeed.UserName, BrowserSeed.Password);

        await Page.WaitForAddressAsync(url => url.StartsWith(Seed.Callback.AbsoluteUri, StringComparison.Ordinal));
        await Expect(Page.GetByText("Back at the client.")).ToBeVisibleAsync();
        var posted = Callback.Received.Where(u => u.Query.Contains("state=" + request.State, StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(posted, Has.Count.EqualTo(1), "the form reached the client");
            Assert.That(posted.Single().Query, Does.Contain("code="));
            Assert.That(_violations.Reported, Is.Empty);
        });
    }

    [Test]
    public async Task A_clients_logo_from_its_own_origin_is_shown_on_the_sign_in_page_without_a_policy_violation()
    {
        var clientId = "logo-app-" + Guid.NewGuid().ToString("N")[..8];
        var logo = new Uri(Seed.Callback, CallbackApp.LogoPath);
        using (var scope = Server.Services.CreateScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
            {
                ClientId = clientId,
                DisplayName = "Logo App",
                GrantTypes = [ClientGrantTypes.AuthorizationCode],
                Scopes = ["openid"],
                RedirectUris = [Seed.Callback.AbsoluteUri],
                LogoUri = logo.AbsoluteUri,
                PolicyUri = "https://logo.example/privacy",
            }));
            Assert.That(registered.Succeeded, Is.True, registered.Error?.Description);
        }

        var request = Client.NewRequest("openid");
        await Page.OpenAsync(request.Url(Client.Discovery.AuthorizationEndpoint, clientId));
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        var image = Page.Locator("img.client-logo");
        await Expect(image).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Logo App's privacy policy" })).ToHaveAttributeAsync("href", "https://logo.example/privacy");

        Assert.Multiple(async () =>
        {
            Assert.That(await image.EvaluateAsync<int>("image => image.complete ? image.naturalWidth : 0"), Is.EqualTo(1), "the logo loaded from the client's origin");
            Assert.That(_violations.Reported, Is.Empty);
        });
    }

    /// <summary>A user of this test's own: enrolling an authenticator adds a second step to every later sign-in.</summary>
    private static string Code(string secret, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);
}
