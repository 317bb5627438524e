using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Auth.Api.Tests.Hosting;

/// <summary>Plain HTTP calls to the OAuth endpoints, exactly as a client on the wire would make them.</summary>
public sealed class OAuthClient(HttpClient http)
{
    /// <summary>RFC 6749 §2.3.1: client id and secret are form-urlencoded, then joined with ':' and base64-encoded.</summary>
    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FormEncode(clientId)}:{FormEncode(secret)}")));

    public static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    /// <param name="traceparent">A W3C traceparent header to send, when the request belongs to the caller's trace.</param>
    public Task<HttpResponseMessage> PostFormAsync(
        string path,
        IEnumerable<KeyValuePair<string, string>> form,
        AuthenticationHeaderValue? authorization = null,
        string? traceparent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> RequestTokenAsync(TestClient client, string? scope = null) =>
        PostFormAsync("/oauth/token", Form(("grant_type", "client_credentials"), ("scope", scope)), Basic(client.Id, client.Secret));

    /// <summary>A client-credentials token request inside the caller's trace (a W3C traceparent, sampled).</summary>
    public Task<HttpResponseMessage> RequestTokenInTraceAsync(TestClient client, string traceId, string parentSpanId) =>
        PostFormAsync("/oauth/token", Form(("grant_type", "client_credentials")), Basic(client.Id, client.Secret), $"00-{traceId}-{parentSpanId}-01");

    public async Task<string> GetAccessTokenAsync(TestClient client, string? scope = null)
    {
        using var response = await RequestTokenAsync(client, scope);
        var body = await ReadJsonAsync(response);
        Assert.That(response.IsSuccessStatusCode, Is.True, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    public async Task<JsonElement> IntrospectAsync(string token, TestClient asClient)
    {
        using var response = await PostFormAsync("/oauth/introspect", Form(("token", token)), Basic(asClient.Id, asClient.Secret));
        var body = await ReadJsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.ToString());
        return body;
    }

    public async Task<bool> IsActiveAsync(string token, TestClient asClient) =>
        (await IntrospectAsync(token, asClient)).GetProperty("active").GetBoolean();

    public async Task<HttpResponseMessage> RevokeAsync(string token, TestClient asClient, string? tokenTypeHint = null) =>
        await PostFormAsync("/oauth/revoke", Form(("token", token), ("token_type_hint", tokenTypeHint)), Basic(asClient.Id, asClient.Secret));

    public static List<KeyValuePair<string, string>> Form(params (string Key, string? Value)[] pairs) =>
        pairs.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!)).ToList();

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"Expected JSON, got {(int)response.StatusCode} {response.Content.Headers.ContentType}: {text}");
            throw;
        }
    }
}
