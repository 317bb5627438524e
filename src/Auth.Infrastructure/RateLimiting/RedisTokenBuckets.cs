using System.Globalization;
using Auth.Application.Ports;
using Auth.Application.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Auth.Infrastructure.RateLimiting;

/// <summary>
/// The buckets in Redis, shared by every node: one script call per request (<see cref="TokenBucketScript"/>). Calls
/// that fail within <see cref="RateLimitingOptions.RedisTimeout"/> count as an outage: requests then pass or are
/// refused as <see cref="RateLimitingOptions.RedisFailureMode"/> says, and the outage is logged once when it begins and
/// once when it ends.
/// </summary>
public sealed partial class RedisTokenBuckets(
    IOptions<RateLimitingOptions> options,
    RedisRateLimitStatus status,
    TimeProvider clock,
    IEnumerable<IRedisConnectionObserver> observers,
    ILogger<RedisTokenBuckets> logger) : ITokenBuckets, IAsyncDisposable
{
    private readonly RateLimitingOptions _options = options.Value;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public async ValueTask<BucketVerdict> TakeAsync(IReadOnlyList<BucketRequest> buckets, CancellationToken cancellationToken)
    {
        var keys = new RedisKey[buckets.Count];
        var arguments = new RedisValue[buckets.Count * 2];
        for (var i = 0; i < buckets.Count; i++)
        {
            keys[i] = $"{_options.RedisKeyPrefix}{buckets[i].Policy}:{buckets[i].Key}";
            arguments[2 * i] = buckets[i].BurstLimit;
            arguments[(2 * i) + 1] = buckets[i].TokensPerSecond.ToString("R", CultureInfo.InvariantCulture);
        }

        RedisResult[] result;
        try
        {
            var database = (await ConnectAsync()).GetDatabase();
            result = (RedisResult[])(await database.ScriptEvaluateAsync(TokenBucketScript.Source, keys, arguments))!;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RecordFailure(exception);
            return _options.RedisFailureMode == RedisFailureMode.Closed
                ? new BucketVerdict(BucketOutcome.Unavailable, buckets[0].Policy, TimeSpan.FromSeconds(1))
                : BucketVerdict.Allowed;
        }

        RecordSuccess();
        var refused = (int)result[0];
        return refused == 0
            ? BucketVerdict.Allowed
            : new BucketVerdict(BucketOutcome.Limited, buckets[refused - 1].Policy, TimeSpan.FromMilliseconds((long)result[1]));
    }

    public async ValueTask<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await (await ConnectAsync()).GetDatabase().PingAsync();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RecordFailure(exception);
            return false;
        }

        RecordSuccess();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connecting.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (_connection is { } connection)
        {
            return connection;
        }

        await _connecting.WaitAsync();
        try
        {
            if (_connection is null)
            {
                // Without AbortOnConnectFail the multiplexer comes back even when Redis is down, and reconnects by itself.
                _connection = await ConnectionMultiplexer.ConnectAsync(Configuration());
                foreach (var observer in observers)
                {
                    observer.Opened(_connection);
                }
            }

            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    private ConfigurationOptions Configuration()
    {
        var configuration = ConfigurationOptions.Parse(_options.Redis!);
        var timeout = (int)_options.RedisTimeout.TotalMilliseconds;
        configuration.AbortOnConnectFail = false;
        configuration.ConnectRetry = 1;
        configuration.ConnectTimeout = timeout;
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;

        // While disconnected, fail at once rather than queue: a dead Redis must not stall requests.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(1000);
        return configuration;
    }

    private void RecordSuccess()
    {
        if (status.RecordSuccess())
        {
            LogRecovered(logger);
        }
    }

    private void RecordFailure(Exception exception)
    {
        if (status.RecordFailure(clock.GetUtcNow()))
        {
            LogUnreachable(logger, _options.RedisFailureMode,
                _options.RedisFailureMode == RedisFailureMode.Closed ? "requests are refused with 503" : "requests pass without rate limits",
                exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rate-limiting Redis is unreachable (failure mode {FailureMode}): {Consequence} until it answers again")]
    private static partial void LogUnreachable(ILogger logger, RedisFailureMode failureMode, string consequence, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The rate-limiting Redis answers again: the shared rate limits apply")]
    private static partial void LogRecovered(ILogger logger);
}
