using System.Collections.Concurrent;
using Auth.Api;
using Auth.Api.Tests.Hosting;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.OpenApi;

/// <summary>
/// The API reference page (Scalar, <c>Admin:ApiReference=true</c>) works in Chromium under its own
/// Content-Security-Policy: it renders the served document with no policy violation reported, and asks nothing of
/// any other site.
/// </summary>
public sealed class ApiReferencePageTests(StoreKind store) : BrowserTest(store)
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Admin:ApiReference"] = "true";
            return settings;
        }
    }

    [Test]
    public async Task The_page_renders_the_document_without_a_policy_violation_or_another_site()
    {
        var violations = new PolicyViolations();
        violations.Watch(Page);
        var requested = new ConcurrentQueue<string>();
        Page.Request += (_, request) => requested.Enqueue(request.Url);

        await Page.OpenAsync(new Uri(Server.BaseAddress, Routes.ApiReference.TrimStart('/')).AbsoluteUri);

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Auth service API" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("The audit log, newest first").First).ToBeAttachedAsync();
        Assert.Multiple(() =>
        {
            Assert.That(violations.Reported, Is.Empty);
            Assert.That(requested.Where(url => !url.StartsWith("data:", StringComparison.Ordinal)),
                Is.All.StartsWith(Server.BaseAddress.AbsoluteUri), "only this site");
            Assert.That(requested, Has.Some.EndsWith(Routes.OpenApiDocument), "the served document");
        });
    }
}
