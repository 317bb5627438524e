using System.Security.Cryptography;
using System.Text;
using Auth.Application.Ports;
using OtpNet;

namespace Auth.Infrastructure.Mfa;

/// <summary>RFC 6238 TOTP through Otp.NET: SHA-1, 6 digits, 30-second steps, one step of tolerance either side.</summary>
public sealed class OtpNetOneTimePasswords : IOneTimePasswords
{
    private const int StepSeconds = 30;

    public byte[] NewSecret() => KeyGeneration.GenerateRandomKey(20);

    public string ToBase32(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    public long? MatchStep(byte[] secret, string code, DateTimeOffset now)
    {
        var totp = new Totp(secret, step: StepSeconds, mode: OtpHashMode.Sha1, totpSize: 6);
        var presented = Encoding.ASCII.GetBytes(code);
        var current = now.ToUnixTimeSeconds() / StepSeconds;
        long? matched = null;

        // Every candidate is computed and compared in constant time, so timing tells nothing about how close a guess was.
        for (var step = current - 1; step <= current + 1; step++)
        {
            var expected = Encoding.ASCII.GetBytes(totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime));
            if (CryptographicOperations.FixedTimeEquals(expected, presented) && matched is null)
            {
                matched = step;
            }
        }

        return matched;
    }
}
