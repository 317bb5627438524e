using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.OAuth.DPoP;

/// <summary>The token and resource requests of the DPoP tests, each with an optional proof and scheme.</summary>
public static class DPoPRequests
{
    public static Uri At(Uri issuer, string path) => new(issuer, path.TrimStart('/'));

    public static Task<HttpResponseMessage> ClientCredentialsAsync(HttpClient http, TestClient client, string scope, string? proof) =>
        TokenAsync(http, client, proof, ("grant_type", "client_credentials"), ("scope", scope));

    public static Task<HttpResponseMessage> TokenAsync(HttpClient http, TestClient? client, string? proof, params (string, string?)[] form) =>
        PostAsync(http, "/oauth/token", client, proof, form);

    /// <summary>
    /// Asserts that a code bound to <paramref name="key"/> is refused without a proof and with a proof by
    /// <paramref name="other"/>, then redeemed with a proof by the key for an access token bound to it.
    /// </summary>
    public static async Task AssertOnlyTheKeyRedeemsAsync(HttpClient http, Uri tokenEndpoint, TestClient client, (string, string?)[] form, DPoPKey key, DPoPKey other)
    {
        using var withoutProof = await TokenAsync(http, client, null, form);
        using var otherKey = await TokenAsync(http, client, other.Proof("POST", tokenEndpoint), form);
        using var rightKey = await TokenAsync(http, client, key.Proof("POST", tokenEndpoint), form);
        var body = await OAuthClient.ReadJsonAsync(rightKey);
        Assert.Multiple(async () =>
        {
            Assert.That(withoutProof.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(withoutProof)).GetProperty("error").GetString(), Is.EqualTo("invalid_dpop_proof"));
            Assert.That(otherKey.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(otherKey)).GetProperty("error").GetString(), Is.EqualTo("invalid_dpop_proof"));
            Assert.That(rightKey.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(BoundThumbprint(body.GetProperty("access_token").GetString()!), Is.EqualTo(key.Thumbprint));
        });
    }

    /// <summary>A pushed authorization request (RFC 9126) with, when given, a proof (RFC 9449 §10.1).</summary>
    public static Task<HttpResponseMessage> PushAsync(HttpClient http, TestClient client, string? proof, params (string, string?)[] form) =>
        PostAsync(http, "/oauth/par", client, proof, form);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, TestClient? client, string? proof, (string, string?)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(OAuthClient.Form(form)) };
        if (client is not null)
        {
            request.Headers.Authorization = OAuthClient.Basic(client.Id, client.Secret);
        }

        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }

        return await http.SendAsync(request);
    }

    /// <summary>
    /// A POST with two DPoP header lines, written on the socket: HttpClient would join two values of one header into a
    /// single comma-separated line. Returns the status code and the body.
    /// </summary>
    public static async Task<(HttpStatusCode Status, string Body)> PostWithTwoProofLinesAsync(
        Uri server, string path, TestClient client, string firstProof, string secondProof, params (string, string?)[] form)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var body = await new FormUrlEncodedContent(OAuthClient.Form(form)).ReadAsStringAsync();
        var request =
            $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: {OAuthClient.Basic(client.Id, client.Secret)}\r\n" +
            $"DPoP: {firstProof}\r\nDPoP: {secondProof}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Content-Length: {System.Text.Encoding.ASCII.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = (HttpStatusCode)int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    /// <summary>A GET of a protected resource with the token under <paramref name="scheme"/> and, when given, a proof.</summary>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string scheme, string accessToken, string? proof)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, accessToken);
        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }

        return await http.SendAsync(request);
    }

    /// <summary>The cnf.jkt of a JWT access token, or null when it has none.</summary>
    public static string? BoundThumbprint(string accessToken)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(accessToken.Split('.')[1]));
        return payload.RootElement.TryGetProperty("cnf", out var cnf) && cnf.TryGetProperty("jkt", out var jkt) ? jkt.GetString() : null;
    }

    public static string Challenge(HttpResponseMessage response) => string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
}
