using System.Diagnostics;
using Auth.Api.Observability;

namespace Auth.Api.Tests.Observability;

/// <summary>docs/security.md rule 138: what the span processor removes before any export, whatever the instrumentation set.</summary>
public sealed class SpanRedactionTests
{
    [TestCase("https://rp.example/logout?token=abc#frag", "https://rp.example/logout")]
    [TestCase("https://user:pass@keys.example:8443/jwks.json?key=1", "https://keys.example:8443/jwks.json")]
    [TestCase("https://idp.example/token", "https://idp.example/token")]
    [TestCase("/oauth/authorize?code=c&state=s", "/oauth/authorize")]
    public void A_url_loses_its_query_fragment_and_user_information(string url, string expected) =>
        Assert.That(SpanRedaction.Redact(url), Is.EqualTo(expected));

    [Test]
    public void Url_attributes_and_span_names_are_redacted_at_the_end_of_a_span()
    {
        using var activity = new Activity("client").Start();
        activity.SetTag("url.full", "https://user:secret-pass@rp.example/logout?sid=secret-sid");
        activity.SetTag("url.query", "code=secret-code");
        activity.SetTag("http.url", "https://idp.example/cb?code=secret-code");
        activity.DisplayName = "GET /cb?code=secret-code";
        activity.SetTag("db.npgsql.data_source", "Host=db;Username=auth;SSL Password=secret-key-pass");
        activity.SetTag("db.query.parameter.secret", "secret-hash");
        activity.SetTag("db.query.parameter.p0", "secret-password-hash");
        activity.SetTag("db.query.text", "SELECT 1 WHERE x = @secret");

        new SpanRedaction().OnEnd(activity);

        Assert.Multiple(() =>
        {
            Assert.That(activity.GetTagItem("url.full"), Is.EqualTo("https://rp.example/logout"));
            Assert.That(activity.GetTagItem("url.query"), Is.Null);
            Assert.That(activity.GetTagItem("http.url"), Is.EqualTo("https://idp.example/cb"));
            Assert.That(activity.DisplayName, Is.EqualTo("GET /cb"));
            Assert.That(activity.GetTagItem("db.npgsql.data_source"), Is.Null);
            Assert.That(activity.TagObjects.Select(tag => tag.Key), Has.None.StartWith("db.query.parameter."), "no parameter value");
            Assert.That(activity.GetTagItem("db.query.text"), Is.EqualTo("SELECT 1 WHERE x = @secret"), "the SQL with its parameter names stays");
        });
    }
}
