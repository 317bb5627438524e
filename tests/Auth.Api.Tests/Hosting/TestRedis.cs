using System.Diagnostics;
using StackExchange.Redis;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// The Redis the rate-limiting tests share buckets in: <c>AUTH_TEST_REDIS</c> (<c>host:port</c>), which
/// <c>build/test.sh</c> sets after starting one. Each fixture uses keys of its own, so fixtures never share a bucket.
/// </summary>
public static class TestRedis
{
    public static string Address =>
        Environment.GetEnvironmentVariable("AUTH_TEST_REDIS") is { Length: > 0 } address
            ? address
            : throw new IgnoreException("AUTH_TEST_REDIS is not set (build/test.sh starts a Redis and sets it): the Redis rate-limiting tests are skipped.");

    /// <summary>
    /// The settings that put a server's buckets in the test Redis, under a key prefix of their own. The Redis timeout
    /// is 5 s rather than the 300 ms default: on a busy machine one slow call would otherwise let a request through
    /// uncounted (failing open), and a test that counts exactly would fail.
    /// </summary>
    public static Dictionary<string, string?> Settings(string keyPrefix) => new()
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:Redis"] = Address,
        ["RateLimiting:RedisKeyPrefix"] = keyPrefix,
        ["RateLimiting:RedisTimeout"] = "00:00:05",
    };

    /// <summary>
    /// Waits (30 s at most) until the server says its Redis is healthy, so a counted burst starts on an open
    /// connection; returns at once for a server with no Redis. <c>/health</c> is never limited, so this spends no bucket.
    /// </summary>
    public static async Task WaitUntilConnectedAsync(HttpClient server)
    {
        var health = await Eventually.ReadAsync(
            async () =>
            {
                using var response = await server.GetAsync("/health");
                return await OAuthClient.ReadJsonAsync(response);
            },
            RedisConnectedOrAbsent,
            TimeSpan.FromSeconds(30));
        Assert.That(RedisConnectedOrAbsent(health), Is.True, $"the server's Redis did not become healthy: {health}");
    }

    private static bool RedisConnectedOrAbsent(System.Text.Json.JsonElement health) =>
        !health.GetProperty("checks").TryGetProperty("redis", out var redis) || redis.GetString() == "healthy";

    public static string NewKeyPrefix() => $"auth:test:{Guid.NewGuid():N}:";

    /// <summary>The keys under a prefix, read straight from Redis.</summary>
    public static async Task<List<string>> KeysAsync(string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Address);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        return [.. server.Keys(pattern: prefix + "*").Select(k => k.ToString())];
    }

    /// <summary>A loopback address nothing listens on: a Redis that is down.</summary>
    public static string Unreachable() => $"127.0.0.1:{LoopbackPorts.Next()}";

    /// <summary>
    /// A Redis of the test's own on <paramref name="port"/> (Debian's <c>redis-server</c>, which <c>build/test.sh</c>
    /// installs), stopped when disposed.
    /// </summary>
    public static RedisProcess StartServer(int port)
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            return new RedisProcess(process);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new IgnoreException("redis-server is not installed (build/test.sh installs it): the Redis recovery test is skipped.");
        }
    }

    public sealed class RedisProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
