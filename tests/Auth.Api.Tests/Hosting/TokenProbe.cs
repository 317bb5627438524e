using System.Net;
using System.Net.Http.Headers;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// One way one node judges an access token: introspection as a client, or a call to one of this service's own Bearer
/// APIs (SCIM, userinfo, the MFA API). It answers accepted (active, 200) or refused (inactive, 401); any other answer
/// fails the test, so a refusal for another reason (a missing scope, an error) never passes for a revocation.
/// </summary>
public sealed record TokenProbe(string Name, Func<Task<bool>> IsAcceptedAsync)
{
    public static TokenProbe Introspection(HttpClient node, string token, TestClient asClient) =>
        new($"introspection as {asClient.Id} on :{node.BaseAddress!.Port}", () => new OAuthClient(node).IsActiveAsync(token, asClient));

    public static TokenProbe Scim(HttpClient node, string token) =>
        Bearer($"SCIM on :{node.BaseAddress!.Port}", node, token, HttpMethod.Get, "/scim/v2/Users?count=1");

    public static TokenProbe UserInfo(HttpClient node, string token) =>
        Bearer($"userinfo on :{node.BaseAddress!.Port}", node, token, HttpMethod.Get, "/oauth/userinfo");

    /// <summary>Starts an enrolment (a new pending secret each time): the MFA API takes a user's token with the mfa scope alone.</summary>
    public static TokenProbe Mfa(HttpClient node, string token) =>
        Bearer($"MFA API on :{node.BaseAddress!.Port}", node, token, HttpMethod.Post, "/mfa/totp/generate");

    /// <summary>A provisioning client's token: introspection by the client and SCIM.</summary>
    public static TokenProbe[] OfProvisioningClient(HttpClient node, string token, TestClient client) =>
        [Introspection(node, token, client), Scim(node, token)];

    /// <summary>A user's token with the scopes <see cref="TestSeed.MfaScopes"/>: introspection by its client, userinfo and the MFA API.</summary>
    public static TokenProbe[] OfUser(HttpClient node, string token, TestClient client) =>
        [Introspection(node, token, client), UserInfo(node, token), Mfa(node, token)];

    public static async Task AssertAcceptedAsync(IEnumerable<TokenProbe> probes, string when = "before the change")
    {
        foreach (var probe in probes)
        {
            Assert.That(await probe.IsAcceptedAsync(), Is.True, $"{probe.Name} accepts the token {when}");
        }
    }

    /// <summary>The first answer after the change is already a refusal, on every probe.</summary>
    public static async Task AssertRefusedAtOnceAsync(IEnumerable<TokenProbe> probes)
    {
        var accepted = new List<string>();
        foreach (var probe in probes)
        {
            if (await probe.IsAcceptedAsync())
            {
                accepted.Add(probe.Name);
            }
        }

        Assert.That(accepted, Is.Empty, "still accepted right after the change");
    }

    private static TokenProbe Bearer(string name, HttpClient node, string token, HttpMethod method, string path) => new(name, async () =>
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await node.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        // The MFA API reads the user: on another node, in the instant before the revocation reaches it, a deactivated
        // user's token is refused as that (403 access_denied) rather than as a revoked token. Both refuse.
        if (response.StatusCode == HttpStatusCode.Forbidden && body.Contains("\"access_denied\"", StringComparison.Ordinal) &&
            body.Contains("deactivated", StringComparison.Ordinal))
        {
            return false;
        }

        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Unauthorized))
        {
            Assert.Fail($"{name}: {(int)response.StatusCode} {body}");
        }

        return response.StatusCode == HttpStatusCode.OK;
    });
}
