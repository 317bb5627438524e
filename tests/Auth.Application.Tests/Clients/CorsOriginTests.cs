using Auth.Application.Clients;

namespace Auth.Application.Tests.Clients;

public sealed class CorsOriginTests
{
    [TestCase("https://app.example.com", "https://app.example.com")]
    [TestCase("https://APP.Example.COM", "https://app.example.com")]
    [TestCase("HTTPS://app.example.com", "https://app.example.com")]
    [TestCase("https://app.example.com/", "https://app.example.com")]
    [TestCase("https://app.example.com:443", "https://app.example.com")]
    [TestCase("https://app.example.com:8443", "https://app.example.com:8443")]
    [TestCase("http://localhost:5173", "http://localhost:5173")]
    [TestCase("http://127.0.0.1:8080/", "http://127.0.0.1:8080")]
    [TestCase("http://[::1]:3000", "http://[::1]:3000")]
    [TestCase("https://bücher.example", "https://xn--bcher-kva.example")]
    public void An_origin_is_written_as_browsers_send_it(string value, string expected) =>
        Assert.That(CorsOrigin.Normalize(value), Is.EqualTo(expected));

    [TestCase("*")]
    [TestCase("null")]
    [TestCase("")]
    [TestCase(" https://app.example.com")]
    [TestCase("app.example.com")]
    [TestCase("//app.example.com")]
    [TestCase("https://app.example.com/app")]
    [TestCase("https://app.example.com//")]
    [TestCase("https://app.example.com?x=1")]
    [TestCase("https://app.example.com#top")]
    [TestCase("https://user:pass@app.example.com")]
    [TestCase("https://*.example.com")]
    [TestCase("http://app.example.com")]
    [TestCase("http://10.0.0.5")]
    [TestCase("ftp://app.example.com")]
    [TestCase("file:///etc/passwd")]
    [TestCase("javascript:alert(1)")]
    [TestCase("https:\\\\app.example.com")]
    [TestCase("https:app.example.com")]
    [TestCase("https:/app.example.com")]
    [TestCase("https://@app.example.com")]
    [TestCase("https://app%2Eexample.com")]
    [TestCase("https://[fe80::1%25eth0]")]
    [TestCase("http://[::1%251]:3000")]
    [TestCase("https:app.example.com://")]
    [TestCase("https://app.example.com/x://")]
    public void What_is_no_origin_or_no_safe_one_is_refused(string value) =>
        Assert.That(CorsOrigin.Normalize(value), Is.Null);

    [Test]
    public void A_setting_holds_each_origin_once_sorted_and_reads_back()
    {
        var setting = CorsOrigin.ToSetting(["https://b.example", "https://A.example/", "https://b.example:443"]);

        Assert.Multiple(() =>
        {
            Assert.That(setting, Is.EqualTo("https://a.example https://b.example"));
            Assert.That(ClientSettings.ListOf(setting), Is.EqualTo(new[] { "https://a.example", "https://b.example" }));
            Assert.That(ClientSettings.ListOf(null), Is.Empty);
        });
    }
}
