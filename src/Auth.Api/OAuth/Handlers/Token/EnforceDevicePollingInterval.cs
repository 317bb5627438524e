using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// RFC 8628 §3.5: a device that polls the token endpoint sooner than the interval (5 seconds, the RFC's default, which
/// OpenIddict's device authorization response leaves implicit) gets <c>slow_down</c>, and its interval grows by 5
/// seconds for every later poll. OpenIddict answers only <c>authorization_pending</c>. The last poll of each device code
/// (by its SHA-256) is kept in this node's memory until the code expires: a device whose polls alternate between nodes
/// may poll each at the interval.
/// </summary>
public sealed class EnforceDevicePollingInterval(TimeProvider clock, IOptions<OAuthOptions> options) : IOpenIddictServerHandler<ValidateTokenRequestContext>, IDisposable
{
    public const string SlowDown = "slow_down";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly MemoryCache _polls = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (!context.Request.IsDeviceCodeGrantType() || context.Request.DeviceCode is not { Length: > 0 } deviceCode)
        {
            return default;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deviceCode)));
        var now = clock.GetUtcNow();
        lock (_polls)
        {
            var (last, interval) = _polls.TryGetValue(key, out (DateTimeOffset Last, TimeSpan Interval) poll) ? poll : (DateTimeOffset.MinValue, Interval);
            var tooSoon = now - last < interval;
            if (tooSoon)
            {
                interval += Interval;
            }

            _polls.Set(key, (now, interval), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.DeviceCodeLifetime });
            if (tooSoon)
            {
                context.Reject(SlowDown, $"Poll at most every {interval.TotalSeconds:0} seconds (RFC 8628, section 3.5).");
            }
        }

        return default;
    }

    public void Dispose() => _polls.Dispose();
}
