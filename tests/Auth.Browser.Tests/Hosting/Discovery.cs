using System.Text.Json;

namespace Auth.Browser.Tests.Hosting;

/// <summary>What a client learns from the issuer's discovery document (OpenID Connect Discovery 1.0 §3), and nothing more.</summary>
public sealed record Discovery(string Issuer, Uri AuthorizationEndpoint, Uri TokenEndpoint, Uri UserinfoEndpoint, Uri JwksUri)
{
    public static async Task<Discovery> ReadAsync(HttpClient server)
    {
        using var document = JsonDocument.Parse(await server.GetStringAsync("/.well-known/openid-configuration"));
        var root = document.RootElement;
        return new Discovery(
            Required(root, "issuer"),
            new Uri(Required(root, "authorization_endpoint")),
            new Uri(Required(root, "token_endpoint")),
            new Uri(Required(root, "userinfo_endpoint")),
            new Uri(Required(root, "jwks_uri")));
    }

    private static string Required(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            Assert.Fail($"Discovery has no '{name}': {root}");
        }

        return value.GetString()!;
    }
}
