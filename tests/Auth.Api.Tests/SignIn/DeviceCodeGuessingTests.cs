using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.RateLimiting;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// Guessing user codes at /device draws from the caller's rate-limit bucket: with a bucket of its own for /device
/// (docs/configuration.md recommends one), the sixth guess in a row is 429 however the codes are spelled.
/// </summary>
public sealed class DeviceCodeGuessingTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:BurstLimit"] = "1000",
        ["RateLimiting:Endpoints:0:Name"] = "device",
        ["RateLimiting:Endpoints:0:PathPrefix"] = "/device",
        ["RateLimiting:Endpoints:0:BurstLimit"] = "5",
        ["RateLimiting:Endpoints:0:TokensPerSecond"] = "0.05",
    };

    [Test]
    public async Task Guessed_codes_are_refused_then_rate_limited()
    {
        using var guesses = new Burst();
        for (var i = 0; i < 8; i++)
        {
            await guesses.SendAsync(Server.Client, $"/device?user_code={i:0000}-0000-{i:0000}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(guesses.Statuses.Take(5), Is.All.EqualTo(HttpStatusCode.BadRequest), "a wrong code is refused on the page");
            Assert.That(guesses.Statuses.Skip(5), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
        });
    }
}
