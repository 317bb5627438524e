using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>Third-party clients ask the user; the answer is remembered; first-party clients never ask.</summary>
public sealed class ConsentTests(StoreKind store) : UserFlowTest(store)
{
    private const string Scope = "openid profile orders.read";

    [Test]
    public async Task A_third_party_client_shows_the_consent_page_and_allowing_returns_a_code()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, Scope, Pkce.Create()), user);
        var html = await consent.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(consent.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(html, Does.Contain("Allow Partner Portal?"));
            Assert.That(html, Does.Contain("Read orders"), "API scopes are shown by their display name");
        });

        using var allowed = await browser.SubmitFormAsync(html, "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        Assert.That(CallbackParameters(allowed, TestSeed.PartnerCallback), Does.ContainKey("code"));

        using var next = await browser.GetAsync(AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, Scope, Pkce.Create()));
        Assert.That(CallbackParameters(next, TestSeed.PartnerCallback), Does.ContainKey("code"), "the consent is remembered");
    }

    [Test]
    public async Task Denying_returns_access_denied_to_the_client()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, Scope, Pkce.Create()), user);

        using var denied = await browser.SubmitFormAsync(await consent.Content.ReadAsStringAsync(), "/oauth/authorize", new Dictionary<string, string>(), button: "consent=deny");

        var parameters = CallbackParameters(denied, TestSeed.PartnerCallback);
        Assert.That(parameters["error"], Is.EqualTo("access_denied"));
        Assert.That(parameters["state"], Is.EqualTo("state-123"));
    }

    [Test]
    public async Task A_consent_answer_without_the_antiforgery_token_is_refused()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, Scope, Pkce.Create()), user);
        var fields = UserAgent.HiddenFields(await consent.Content.ReadAsStringAsync());
        fields.Remove("__RequestVerificationToken");
        fields["consent"] = "accept";

        using var forged = await browser.Http.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));

        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(forged.Headers.Location, Is.Null);
    }

    [Test]
    public async Task Prompt_none_without_consent_returns_consent_required()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, Scope, Pkce.Create()), user);

        using var silent = await browser.GetAsync(AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, Scope, Pkce.Create(), extra: [("prompt", "none")]));

        Assert.That(CallbackParameters(silent, TestSeed.PartnerCallback)["error"], Is.EqualTo("consent_required"));
    }

    [Test]
    public async Task Withdrawn_consent_is_asked_for_again()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, Scope, Pkce.Create()), user);
        using var allowed = await browser.SubmitFormAsync(await consent.Content.ReadAsStringAsync(), "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var withdrawn = await AuthExecutable.RunAsync(Server.Store, "users", "consents", "withdraw", "--name", user, "--client", TestSeed.PartnerApp.Id);
        Assert.That(withdrawn.ExitCode, Is.Zero, withdrawn.Error);

        using var again = await browser.GetAsync(AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, Scope, Pkce.Create()));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{again.Headers.Location} after: {withdrawn.Output}");
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("Allow Partner Portal?"));
    }
}
