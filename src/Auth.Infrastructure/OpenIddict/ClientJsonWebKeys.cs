using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.OpenIddict;

/// <summary>A client's private_key_jwt keys between the definition's JSON and OpenIddict's <see cref="JsonWebKeySet"/>.</summary>
internal static class ClientJsonWebKeys
{
    public static JsonWebKeySet FromJson(JsonElement jwks) => JsonWebKeySet.Create(jwks.GetRawText());

    /// <summary>The public members of each key (RFC 7517 §4, RFC 7518 §6), in a stable order.</summary>
    public static JsonElement? ToJson(JsonWebKeySet? set)
    {
        if (set is null)
        {
            return null;
        }

        var keys = new JsonArray();
        foreach (var key in set.Keys)
        {
            var node = new JsonObject();
            Add(node, "kty", key.Kty);
            Add(node, "kid", key.Kid);
            Add(node, "use", key.Use);
            Add(node, "alg", key.Alg);
            Add(node, "crv", key.Crv);
            Add(node, "n", key.N);
            Add(node, "e", key.E);
            Add(node, "x", key.X);
            Add(node, "y", key.Y);
            keys.Add(node);
        }

        return JsonSerializer.SerializeToElement(new JsonObject { ["keys"] = keys });
    }

    public static bool Same(JsonWebKeySet? current, JsonWebKeySet? wanted) =>
        (current, wanted) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            _ => ToJson(current)!.Value.GetRawText() == ToJson(wanted)!.Value.GetRawText(),
        };

    private static void Add(JsonObject node, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            node[name] = value;
        }
    }
}
