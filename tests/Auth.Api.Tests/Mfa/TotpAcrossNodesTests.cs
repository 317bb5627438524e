using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Api.Tests.Hosting;
using OtpNet;

namespace Auth.Api.Tests.Mfa;

/// <summary>A TOTP code used on one node is refused on another: the record of used steps lives in the shared database.</summary>
public sealed class TotpAcrossNodesTests(StoreKind store) : UserFlowTest(store)
{
    private AuthProcess? _otherNode;

    [OneTimeSetUp]
    public async Task StartSecondNode() => _otherNode = await StartNodeBesideAsync();

    [Test]
    public async Task A_code_accepted_by_one_process_is_refused_by_the_other()
    {
        var (token, secret) = await EnrolledUserAsync();
        var code = CodeFor(secret, steps: 1);

        var onOtherNode = await VerifyAsync(_otherNode!.Client, token, code);
        var onThisNode = await VerifyAsync(Server.Client, token, code);

        Assert.That(onOtherNode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(onThisNode, Is.EqualTo(HttpStatusCode.BadRequest), "replayed on another node");
    }

    [Test]
    public async Task Parallel_verifications_on_both_processes_give_exactly_one_success()
    {
        var (token, secret) = await EnrolledUserAsync();
        var code = CodeFor(secret, steps: 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => VerifyAsync(i % 2 == 0 ? Server.Client : _otherNode!.Client, token, code)));

        Assert.That(results.Count(r => r == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(results.Where(r => r != HttpStatusCode.OK), Is.All.EqualTo(HttpStatusCode.BadRequest));
    }

    private async Task<(string Token, string Secret)> EnrolledUserAsync()
    {
        var (_, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var token = tokens.GetProperty("access_token").GetString()!;
        using var generate = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/generate");
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Server.Client.SendAsync(generate);
        var secret = (await OAuthClient.ReadJsonAsync(response)).GetProperty("secret").GetString()!;
        Assert.That(await VerifyAsync(Server.Client, token, CodeFor(secret, steps: 0)), Is.EqualTo(HttpStatusCode.OK));
        return (token, secret);
    }

    /// <summary>The second node runs on the real clock; the test server's clock is not moved in these tests.</summary>
    private static string CodeFor(string secret, int steps) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * steps));

    private static async Task<HttpStatusCode> VerifyAsync(HttpClient client, string token, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/verify") { Content = JsonContent.Create(new { code }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
