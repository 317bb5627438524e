namespace Auth.Application.Ports;

/// <summary>TOTP arithmetic (RFC 6238 with SHA-1, 6 digits, 30-second steps) and secret generation.</summary>
public interface IOneTimePasswords
{
    /// <summary>A new 160-bit secret (RFC 4226 §4 R6 recommends 160 bits).</summary>
    byte[] NewSecret();

    string ToBase32(byte[] secret);

    /// <summary>The time step the code is valid for, within one step either side of <paramref name="now"/>; null if none.</summary>
    long? MatchStep(byte[] secret, string code, DateTimeOffset now);
}
