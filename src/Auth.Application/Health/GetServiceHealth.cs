using Auth.Application.Ports;
using Auth.Application.RateLimiting;
using Mediator;

namespace Auth.Application.Health;

/// <summary>Whether the service can do its work: whether the database answers, and the rate-limit Redis if one is configured.</summary>
public sealed record GetServiceHealth : IQuery<ServiceHealth>;

/// <param name="RedisReachable">Null when no Redis is configured.</param>
/// <param name="RedisRequired">True when requests are refused while Redis is down (fail-closed).</param>
public sealed record ServiceHealth(bool DatabaseReachable, DateTimeOffset CheckedAt, bool? RedisReachable = null, bool RedisRequired = false)
{
    public bool Healthy => DatabaseReachable && (!RedisRequired || RedisReachable != false);
}

public sealed class GetServiceHealthHandler(IAuthDbContext db, ITokenBuckets buckets, RedisRateLimitStatus redis, TimeProvider clock)
    : IQueryHandler<GetServiceHealth, ServiceHealth>
{
    public async ValueTask<ServiceHealth> Handle(GetServiceHealth query, CancellationToken cancellationToken)
    {
        bool reachable;
        try
        {
            reachable = await db.CanConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // CanConnectAsync reports most outages as false, but some providers throw (for example on
            // authentication failures); an outage is the answer this query exists to give, not a bug.
            reachable = false;
        }

        bool? redisReachable = redis.IsConfigured ? await buckets.ProbeAsync(cancellationToken) : null;
        return new ServiceHealth(reachable, clock.GetUtcNow(), redisReachable, redis.IsRequired);
    }
}
