using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// Reads and forges compact JWTs byte by byte, for tests that tamper with tokens, and checks tokens against the keys
/// a server publishes, as a resource server would.
/// </summary>
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

    /// <summary>The key ids the server's JWKS lists.</summary>
    public static async Task<List<string>> PublishedKidsAsync(HttpClient server) =>
        (await GetJwksAsync(server)).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();

    /// <summary>
    /// Whether an orders-api access token verifies with the keys <paramref name="server"/> publishes, the signing key
    /// chosen by its kid. <paramref name="checkLifetime"/> false for tokens whose expiry a test's clock has passed.
    /// </summary>
    public static async Task<bool> VerifiesWithJwksOfAsync(HttpClient server, string token, Uri issuer, bool checkLifetime = true)
    {
        var jwks = new JsonWebKeySet((await GetJwksAsync(server)).GetRawText());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer.AbsoluteUri,
            ValidAudience = TestSeed.OrdersApi,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            TryAllIssuerSigningKeys = false,
            ValidateLifetime = checkLifetime,
        });
        return result.IsValid;
    }
}
