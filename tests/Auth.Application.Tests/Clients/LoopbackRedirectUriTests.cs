using Auth.Application.Clients;

namespace Auth.Application.Tests.Clients;

/// <summary>RFC 8252 §7.3: a loopback redirect URI matches at any port, and in nothing else.</summary>
public sealed class LoopbackRedirectUriTests
{
    [TestCase("http://127.0.0.1/cb", "http://127.0.0.1:53211/cb")]
    [TestCase("http://127.0.0.1:8400/cb", "http://127.0.0.1:53211/cb")]
    [TestCase("http://127.0.0.1:8400/cb", "http://127.0.0.1/cb")]
    [TestCase("http://[::1]/cb", "http://[::1]:61000/cb")]
    [TestCase("http://127.0.0.1:8400/cb?app=cli", "http://127.0.0.1:9/cb?app=cli")]
    [TestCase("http://127.0.0.1:8400", "http://127.0.0.1:9")]
    [TestCase("http://127.0.0.1:8400?x=1", "http://127.0.0.1:9?x=1")]
    public void A_loopback_redirect_uri_matches_at_any_port(string registered, string requested) =>
        Assert.That(LoopbackRedirectUri.MatchesIgnoringPort(registered, requested), Is.True);

    [TestCase("http://127.0.0.1/cb", "http://127.0.0.1:53211/cb/")]
    [TestCase("http://127.0.0.1/cb", "http://127.0.0.1:53211/CB")]
    [TestCase("http://127.0.0.1/cb", "http://127.0.0.1:53211/cb?x=1")]
    [TestCase("http://127.0.0.1/cb", "http://127.0.0.2:53211/cb")]
    [TestCase("http://127.0.0.1/cb", "http://[::1]:53211/cb")]
    [TestCase("http://127.0.0.1/cb", "https://127.0.0.1:53211/cb")]
    [TestCase("http://127.0.0.1/cb", "http://user@127.0.0.1:53211/cb")]
    [TestCase("http://127.0.0.1/cb", "http://127.0.0.1:53211/cb#x")]
    [TestCase("http://127.0.0.1/cb", "http://127.0.0.1:53211/c%62")]
    [TestCase("http://localhost/cb", "http://localhost:53211/cb")]
    [TestCase("https://app.example/cb", "https://app.example:8443/cb")]
    [TestCase("http://10.0.0.1/cb", "http://10.0.0.1:8080/cb")]
    [TestCase("http://127.0.0.1/cb", "http://127.0.0.1.evil.test:53211/cb")]
    [TestCase("http://127.0.0.1/cb", "not a uri")]
    [TestCase("http://127.0.0.1:8400", "http://127.0.0.1:9\\evil")]
    [TestCase("http://127.0.0.1/cb", "http://127.0.0.1:9/cb\\..\\evil")]
    public void Anything_else_must_match_exactly(string registered, string requested) =>
        Assert.That(LoopbackRedirectUri.MatchesIgnoringPort(registered, requested), Is.False);
}
