using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Auth.Application.Ports;

namespace Auth.Infrastructure.Security;

/// <summary>
/// PBKDF2-HMAC-SHA512 with 210,000 iterations, OWASP's figure for that hash (docs/security.md, "Passwords").
/// The iteration count is stored with each hash so it can be raised without invalidating old ones.
/// Format: <c>pbkdf2-sha512$iterations$salt$hash</c>, salt and hash in base64.
/// </summary>
public sealed class Pbkdf2PasswordHasher : IPasswordHasher
{
    public const int Iterations = 210_000;

    /// <summary>The work factor in ephemeral mode only, whose store is gone when the process ends (ADR 0019).</summary>
    public const int EphemeralIterations = 1_000;
    private const string Scheme = "pbkdf2-sha512";
    private const int SaltSize = 16;
    private const int HashSize = 32;

    private readonly int _iterations;
    private readonly Lazy<string> _unmatchableHash;

    public Pbkdf2PasswordHasher()
        : this(Iterations)
    {
    }

    /// <summary>Tests may lower the work factor; production uses <see cref="Iterations"/>.</summary>
    public Pbkdf2PasswordHasher(int iterations)
    {
        _iterations = iterations;
        _unmatchableHash = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
    }

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Derive(password, salt, _iterations);
        return string.Join('$', Scheme, _iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public bool Verify(string password, string? hash)
    {
        if (hash is null)
        {
            _ = Verify(password, _unmatchableHash.Value);
            return false;
        }

        var parts = hash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Derive(password, salt, iterations, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations, int length = HashSize) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, length);
}
