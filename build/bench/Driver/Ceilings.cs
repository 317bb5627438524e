using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Auth.Infrastructure.Security;

namespace Auth.Bench;

/// <summary>What the machine can do at best: RS256 signatures per second, and the cost of one password hash.</summary>
internal static class Ceilings
{
    public static int Rsa(Arguments args)
    {
        var seconds = args.Double("seconds", 3);
        // A JWT's signing input is a few hundred bytes: header.payload in base64url.
        var data = Encoding.ASCII.GetBytes(new string('x', 600));
        var single = SignaturesPerSecond(1, seconds, data);
        new Measurement("machine", "rs256_ceiling_1_core", single, "signatures/s") { Note = "RSA-2048 PKCS#1 v1.5 SHA-256 through .NET RSA, one thread" }.Print();
        var all = SignaturesPerSecond(Environment.ProcessorCount, seconds, data);
        new Measurement("machine", "rs256_ceiling_all_cores", all, "signatures/s") { Note = $"{Environment.ProcessorCount} threads" }.Print();
        return 0;
    }

    public static int Pbkdf2(Arguments args)
    {
        var hasher = new Pbkdf2PasswordHasher();
        _ = hasher.Hash("warm-up-password");
        var rounds = args.Int("rounds", 5);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            _ = hasher.Hash("bench-password-" + i);
        }

        var perHash = watch.Elapsed.TotalMilliseconds / rounds;
        new Measurement("machine", "pbkdf2_sha512_210k_one_hash", perHash, "ms")
        {
            Note = $"one PBKDF2-HMAC-SHA512 hash ({Pbkdf2PasswordHasher.Iterations:N0} iterations) through the service's own hasher",
        }.Print();

        // What OpenIddict spends checking a client secret: its stored hashes are PBKDF2-HMAC-SHA256 with 10,000
        // iterations (the ASP.NET Identity v3 format; bench.sh's seed shows it in OpenIddictApplications.ClientSecret).
        var secret = Encoding.UTF8.GetBytes("bench-service-secret");
        var salt = RandomNumberGenerator.GetBytes(16);
        _ = Rfc2898DeriveBytes.Pbkdf2(secret, salt, 10_000, HashAlgorithmName.SHA256, 32);
        var checks = rounds * 20;
        watch.Restart();
        for (var i = 0; i < checks; i++)
        {
            _ = Rfc2898DeriveBytes.Pbkdf2(secret, salt, 10_000, HashAlgorithmName.SHA256, 32);
        }

        new Measurement("machine", "client_secret_pbkdf2_sha256_10k_one_check", watch.Elapsed.TotalMilliseconds / checks, "ms")
        {
            Note = "one OpenIddict client-secret check: PBKDF2-HMAC-SHA256, 10,000 iterations, one thread",
        }.Print();
        return 0;
    }

    private static double SignaturesPerSecond(int threads, double seconds, byte[] data)
    {
        // Keys are made before the clock starts: generating an RSA key can take longer than a short run.
        using var key = RSA.Create(2048);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        long total = 0;
        long until = 0;
        var workers = Enumerable.Range(0, threads).Select(index => new Thread(() =>
        {
            using var rsa = RSA.Create(parameters);
            long count = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                _ = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                count++;
            }

            Interlocked.Add(ref total, count);
        })).ToList();
        until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var watch = Stopwatch.StartNew();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return total / watch.Elapsed.TotalSeconds;
    }
}
