using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.OpenApi;

/// <summary>
/// With <c>Admin:ApiReference=true</c> the reference page (Scalar) is served at /admin/docs under a policy of its own:
/// its script files from this site, its one inline script by hash, requests to this site only. Nothing from the
/// request reaches the page: a document name in the path is not served. Off, the page is 404
/// (<see cref="OpenApiDocumentTests"/>).
/// </summary>
public sealed partial class ApiReferenceTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Admin:ApiReference"] = "true" };

    [Test]
    public async Task The_page_is_served_and_renders_the_served_document()
    {
        using var page = await Server.Client.GetAsync(Routes.ApiReference);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo(Routes.ApiReference + "/"));
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("openapi/v1.json"));
        });
    }

    [Test]
    public async Task The_page_allows_its_own_files_and_its_inline_script_by_hash_and_talks_to_this_site_only()
    {
        using var page = await Server.Client.GetAsync(Routes.ApiReference + "/");
        var html = await page.Content.ReadAsStringAsync();
        var policy = Directives(page);
        var inline = InlineScript().Matches(html).Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))}'").ToList();
        var files = ScriptFile().Matches(html).Select(m => m.Groups["src"].Value).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(inline, Has.Count.EqualTo(1));
            Assert.That(policy["script-src"], Is.EqualTo(string.Join(' ', ["'self'", .. inline])));
            Assert.That(policy["connect-src"], Is.EqualTo("'self'"));
            Assert.That(policy["default-src"], Is.EqualTo("'self'"));
            Assert.That(policy["object-src"], Is.EqualTo("'none'"));
            Assert.That(policy["frame-ancestors"], Is.EqualTo("'none'"));
            Assert.That(policy.Values, Has.None.Contains("http").And.None.Contains("*"), "no other origin");
            Assert.That(files, Is.Not.Empty.And.All.Not.Contain("//"), "script files from this site");
        });
        foreach (var file in files)
        {
            using var script = await Server.Client.GetAsync(new Uri(page.RequestMessage!.RequestUri!, file));
            Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK), file);
        }
    }

    [TestCase("v1")]
    [TestCase("x');alert(document.domain)//")]
    [TestCase("x</script><script>alert(1)</script>")]
    public async Task A_document_name_in_the_path_is_not_served(string name)
    {
        using var page = await Server.Client.GetAsync(Routes.ApiReference + "/" + Uri.EscapeDataString(name));
        var body = await page.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body, Does.Not.Contain("alert"));
        });
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty);

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptFile();
}
