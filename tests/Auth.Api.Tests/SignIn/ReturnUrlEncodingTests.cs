using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// A return URL arrives decoded and may hold characters a Location header cannot: every page that redirects to one
/// percent-encodes them, so the redirect is written and the session starts.
/// </summary>
public sealed class ReturnUrlEncodingTests(StoreKind store) : UserFlowTest(store)
{
    /// <summary>An authorization request whose state holds non-ASCII letters, as the return URL decodes to.</summary>
    private static string AuthorizeWithAccentedState(Pkce pkce) =>
        AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce, state: null) + "&state=été-ü";

    [Test]
    public async Task A_return_url_with_non_ascii_characters_is_percent_encoded_and_the_flow_completes()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var signedIn = await SignInAsync(browser, AuthorizeWithAccentedState(pkce), user);
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await signedIn.Content.ReadAsStringAsync());
        var location = signedIn.Headers.Location!.OriginalString;
        using var callback = await browser.FollowLocalRedirectsAsync(signedIn);

        Assert.Multiple(() =>
        {
            Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(location, Does.EndWith("&state=%C3%A9t%C3%A9-%C3%BC"));
            Assert.That(CallbackParameters(callback, TestSeed.WebAppCallback)["state"], Is.EqualTo("été-ü"), "the session started and the code came back");
        });
    }

    [Test]
    public async Task After_the_second_factor_the_return_url_is_percent_encoded_too()
    {
        var user = await CreateUserAsync();
        var totp = await SecondFactors.EnrolAsync(Server, user);
        Server.Clock.Advance(TimeSpan.FromSeconds(60));
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var afterPassword = await SignInAsync(browser, AuthorizeWithAccentedState(pkce), user);
        var codePage = afterPassword.Headers.Location!.OriginalString;
        Assert.That(codePage, Does.StartWith("/account/mfa?"));
        using var page = await browser.GetAsync(codePage);
        using var afterCode = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), codePage,
            new Dictionary<string, string> { ["Code"] = totp.ComputeTotp(Server.Clock.GetUtcNow().UtcDateTime) });

        Assert.That(afterCode.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await afterCode.Content.ReadAsStringAsync());
        Assert.That(afterCode.Headers.Location!.OriginalString, Does.EndWith("&state=%C3%A9t%C3%A9-%C3%BC"));
        using var callback = await browser.FollowLocalRedirectsAsync(afterCode);
        Assert.That(CallbackParameters(callback, TestSeed.WebAppCallback)["state"], Is.EqualTo("été-ü"));
    }

    [Test]
    public async Task The_enrolment_page_sends_an_enrolled_user_on_with_an_encoded_return_url()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var signedIn = await SignInAsync(browser, "/", user);
        Assert.That(signedIn.Headers.Location!.OriginalString, Is.EqualTo("/"));
        await SecondFactors.EnrolAsync(Server, user);

        using var enrol = await browser.GetAsync("/account/mfa/enrol?ReturnUrl=" + Uri.EscapeDataString("/café?x=ü"));

        Assert.That(enrol.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await enrol.Content.ReadAsStringAsync());
        Assert.That(enrol.Headers.Location!.OriginalString, Is.EqualTo("/caf%C3%A9?x=%C3%BC"));
    }

    /// <summary>Opens the sign-in page with this return URL, as a link from anywhere would, and signs in.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(UserAgent browser, string returnUrl, string user)
    {
        var login = "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        using var page = await browser.GetAsync(login);
        return await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), login,
            new Dictionary<string, string> { ["UserName"] = user, ["Password"] = Password });
    }
}
