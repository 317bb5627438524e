using System.Text;
using System.Text.Json;

namespace Auth.Testing.Tests;

/// <summary>A JWT's claims, read without checking the signature (the server under test made it).</summary>
public static class JwtPayload
{
    public static JsonElement Read(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.Clone();
    }
}
