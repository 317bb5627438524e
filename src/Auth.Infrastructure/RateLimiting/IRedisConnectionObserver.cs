using StackExchange.Redis;

namespace Auth.Infrastructure.RateLimiting;

/// <summary>
/// Told once the rate-limiting Redis connection is open (it is opened at the first request that needs it). The HTTP
/// edge's tracing registers one to give Redis calls their spans; without tracing there is none.
/// </summary>
public interface IRedisConnectionObserver
{
    void Opened(IConnectionMultiplexer connection);
}
