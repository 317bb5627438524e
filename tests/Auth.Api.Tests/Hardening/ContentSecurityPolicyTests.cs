using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Hardening;

/// <summary>
/// Every page carries the whole policy: this site's own files only, no inline script but OpenIddict's form_post one,
/// allowed by its hash, no inline style, and data: images for the QR code.
/// </summary>
public sealed partial class ContentSecurityPolicyTests(StoreKind store) : UserFlowTest(store)
{
    /// <summary>The SHA-256 of <c>document.form.submit();</c>, the script of OpenIddict's form_post page.</summary>
    private const string FormPostScriptHash = "'sha256-j7OoGArf6XW6YY4cAyS3riSSvrJRqpSi1fOF9vQ5SrI='";

    private static readonly Dictionary<string, string> Expected = new()
    {
        ["default-src"] = "'self'",
        ["script-src"] = FormPostScriptHash,
        ["style-src"] = "'self'",
        ["img-src"] = "'self' data:",
        ["object-src"] = "'none'",
        ["base-uri"] = "'none'",
        ["frame-ancestors"] = "'none'",
    };

    [TestCase("https://cdn.example/logo.png", "'self' data: https://cdn.example")]
    [TestCase("https://cdn.example:8443/a/logo.png?v=2", "'self' data: https://cdn.example:8443")]
    [TestCase("http://127.0.0.1:5000/logo.png", "'self' data: http://127.0.0.1:5000")]
    [TestCase("https://[fe80::1%25x;sandbox]/logo.png", "'self' data:")]
    [TestCase("https://[2001:db8::1]/logo.png", "'self' data:")]
    [TestCase("https://bücher.example/logo.png", "'self' data:")]
    public void A_pages_policy_adds_a_logos_origin_only_when_it_is_a_plain_host(string logo, string imageSources)
    {
        var directives = Auth.Api.Hardening.ContentSecurityPolicy.ForPagesWithImagesFrom(new Uri(logo)).Split("; ")
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d[1]);

        Assert.That(directives, Is.EquivalentTo(new Dictionary<string, string>(Expected) { ["img-src"] = imageSources }));
    }

    [Test]
    public async Task The_sign_in_page_has_the_whole_policy()
    {
        using var page = await Server.Client.GetAsync("/account/login");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Directives(page), Is.EquivalentTo(Expected));
    }

    [Test]
    public async Task The_consent_page_has_the_whole_policy()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, "openid profile orders.read", Pkce.Create()), user);

        Assert.That(await consent.Content.ReadAsStringAsync(), Does.Contain("Allow Partner Portal?"));
        Assert.That(Directives(consent), Is.EquivalentTo(Expected));
    }

    [Test]
    public async Task A_form_post_response_allows_its_own_script_by_hash_and_nothing_else()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var response = await SignInThroughAsync(browser,
            AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: ("response_mode", "form_post")), user);
        var html = await response.Content.ReadAsStringAsync();
        var scripts = InlineScript().Matches(html).Select(m => m.Groups["body"].Value).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(html, Does.Contain($"action=\"{TestSeed.WebAppCallback}\""));
            Assert.That(scripts, Has.Count.EqualTo(1), html);
            Assert.That(Directives(response), Is.EquivalentTo(Expected));
        });
        var hash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(scripts[0])))}'";
        Assert.That(Directives(response)["script-src"], Is.EqualTo(hash), "the hash is of the script OpenIddict writes");
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response)
    {
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(policy, Does.Not.Contain("unsafe-"));
        return policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(directive => directive.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : string.Empty);
    }

    [GeneratedRegex("<script>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
