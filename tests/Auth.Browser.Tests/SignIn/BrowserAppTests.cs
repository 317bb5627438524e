using Auth.Api.Tests.Hosting;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.SignIn;

/// <summary>
/// A single-page app on an origin of its own (<see cref="SpaApp"/>) signs a person in and calls the token and userinfo
/// endpoints from the page in Chromium: the origin its client lists is let read every answer (CORS, docs/api.md), and
/// Chromium keeps the same answers from a page on an origin no client lists.
/// </summary>
public sealed class BrowserAppTests(StoreKind store) : BrowserTest(store)
{
    private SpaApp? _spa;

    [OneTimeSetUp]
    public async Task StartSpa() => _spa = await SpaApp.StartAsync(Seed.SpaPort, Server.BaseAddress, BrowserSeed.SpaClientId);

    [OneTimeTearDown]
    public async Task StopSpa()
    {
        if (_spa is not null)
        {
            await _spa.DisposeAsync();
        }
    }

    [Test]
    public async Task A_browser_app_on_its_listed_origin_signs_in_and_reads_tokens_userinfo_and_refusals_itself()
    {
        await Page.OpenAsync(Seed.Spa.AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(BrowserSeed.UserName, BrowserSeed.Password);

        // The token and userinfo answers, the refresh, and the refusal of a code used twice were all read by the page.
        await Expect(Page.Locator("#out")).ToHaveTextAsync(
            $"signed in as {BrowserSeed.UserName}; refreshed: string; code again: 400 invalid_grant", new() { Timeout = 20_000 });
    }

    [Test]
    public async Task A_page_on_an_origin_no_client_lists_cannot_read_the_answers()
    {
        // localhost is another origin than 127.0.0.1 to the browser, though the same app answers.
        var listed = Seed.Spa.AbsoluteUri + "probe";
        var unlisted = $"http://localhost:{Seed.SpaPort}/probe";

        await Page.OpenAsync(listed);
        await Expect(Page.Locator("#out")).ToHaveTextAsync("read discovery: " + Server.BaseAddress.AbsoluteUri);
        await Page.OpenAsync(unlisted);
        await Expect(Page.Locator("#out")).ToHaveTextAsync("blocked: TypeError");
    }
}
