namespace Auth.Infrastructure.RateLimiting;

/// <summary>
/// The token buckets of one request in Redis, charged all or none in one atomic script. Each bucket is a hash
/// {tokens, ts}; the time is the Redis server's (TIME), so nodes with different clocks agree. A bucket expires once it
/// would be full again, since an absent bucket counts as full.
/// KEYS: the buckets. ARGV: for each, its burst and its tokens per second.
/// Returns {index of the first empty bucket or 0, milliseconds until every empty bucket has a token, tokens left in the
/// first bucket}.
/// </summary>
internal static class TokenBucketScript
{
    public const string Source = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local levels = {}
        local refused = 0
        local retry = 0
        for i = 1, #KEYS do
          local burst = tonumber(ARGV[2 * i - 1])
          local rate = tonumber(ARGV[2 * i])
          local state = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
          local level = burst
          if state[1] and state[2] then
            local elapsed = math.max(0, now - tonumber(state[2]))
            level = math.min(burst, tonumber(state[1]) + elapsed * rate / 1000)
          end
          levels[i] = level
          if level < 1 then
            if refused == 0 then refused = i end
            retry = math.max(retry, math.ceil((1 - level) * 1000 / rate))
          end
        end
        if refused > 0 then
          return {refused, retry, math.floor(levels[1])}
        end
        for i = 1, #KEYS do
          local burst = tonumber(ARGV[2 * i - 1])
          local rate = tonumber(ARGV[2 * i])
          redis.call('HSET', KEYS[i], 'tokens', tostring(levels[i] - 1), 'ts', tostring(now))
          redis.call('PEXPIRE', KEYS[i], math.ceil(burst * 1000 / rate) + 1000)
        end
        return {0, 0, math.floor(levels[1] - 1)}
        """;
}
