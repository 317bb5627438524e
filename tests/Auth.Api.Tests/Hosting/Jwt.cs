using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Auth.Api.Tests.Hosting;

/// <summary>Reads and forges compact JWTs byte by byte, for tests that tamper with tokens.</summary>
public static class Jwt
{
    public static JsonObject Header(string token) => Part(token, 0);

    public static JsonObject Payload(string token) => Part(token, 1);

    public static string Encode(JsonNode node) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(node.ToJsonString()));

    private static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();

    public static async Task<JsonElement> GetJwksAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/jwks.json");
        return await OAuthClient.ReadJsonAsync(response);
    }
}
