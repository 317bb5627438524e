using System.Buffers.Text;
using System.Security.Cryptography;

namespace Auth.Application.Clients;

/// <summary>Secrets the service makes for a client: shown once, in the response that made them, then only stored hashed.</summary>
public static class ClientSecrets
{
    /// <summary>How long a rotation may keep the previous secret working: long enough to roll a deployment, short enough to end.</summary>
    public static readonly TimeSpan MaximumOverlap = TimeSpan.FromDays(30);

    /// <summary>32 random bytes (256 bits), base64url without padding: 43 characters that need no escaping in a form or a header.</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
