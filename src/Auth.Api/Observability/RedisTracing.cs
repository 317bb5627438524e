using Auth.Infrastructure.RateLimiting;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using StackExchange.Redis;

namespace Auth.Api.Observability;

/// <summary>
/// Hands the rate-limiting Redis connection, opened lazily, to the Redis instrumentation once the tracer exists. Spans
/// carry the command name only (EVALSHA, PING): the keys hold client ids and IP addresses, so verbose statements stay off.
/// </summary>
public sealed class RedisTracing : IRedisConnectionObserver
{
    private StackExchangeRedisInstrumentation? _instrumentation;

    public void Use(StackExchangeRedisInstrumentation instrumentation) => _instrumentation = instrumentation;

    public void Opened(IConnectionMultiplexer connection) => _instrumentation?.AddConnection(connection);
}
