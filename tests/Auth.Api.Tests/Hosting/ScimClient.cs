using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Auth.Api.Tests.Hosting;

/// <summary>A provisioning client on the wire: Bearer token, application/scim+json bodies.</summary>
public sealed class ScimClient(HttpClient http, string accessToken)
{
    public const string MediaType = "application/scim+json";

    public async Task<(HttpResponseMessage Response, JsonObject? Body)> SendAsync(HttpMethod method, string path, string? json = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, "/scim/v2" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, MediaType);
        }

        configure?.Invoke(request);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    public Task<(HttpResponseMessage Response, JsonObject? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(HttpResponseMessage Response, JsonObject? Body)> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<(HttpResponseMessage Response, JsonObject? Body)> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    public Task<(HttpResponseMessage Response, JsonObject? Body)> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    public Task<(HttpResponseMessage Response, JsonObject? Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public static string Filter(string filter) => Uri.EscapeDataString(filter);

    public static string Patch(params string[] operations) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{string.Join(',', operations)}}]}""";
}
