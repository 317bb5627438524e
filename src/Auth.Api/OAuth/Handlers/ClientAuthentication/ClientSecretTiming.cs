using System.Security.Cryptography;
using System.Text;

namespace Auth.Api.OAuth.Handlers.ClientAuthentication;

/// <summary>
/// Spends what verifying a stored client secret costs (OpenIddict: PBKDF2-HMAC-SHA256, 10,000 iterations), for
/// requests that fail before any secret is verified, so response time does not tell which client ids exist.
/// </summary>
public static class ClientSecretTiming
{
    private const int Iterations = 10_000;
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(16);
    private static readonly byte[] Expected = RandomNumberGenerator.GetBytes(32);

    public static void SpendVerificationCost(string? presentedSecret)
    {
        var derived = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(presentedSecret ?? string.Empty), Salt, Iterations, HashAlgorithmName.SHA256, 32);
        _ = CryptographicOperations.FixedTimeEquals(derived, Expected);
    }
}
