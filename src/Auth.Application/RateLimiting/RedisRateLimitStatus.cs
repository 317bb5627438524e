namespace Auth.Application.RateLimiting;

/// <summary>
/// Whether the Redis that holds the rate-limit buckets answers, as the last call to it found. One per process: the
/// bucket store writes it, /health and the metrics read it.
/// </summary>
public sealed class RedisRateLimitStatus(bool isConfigured, RedisFailureMode failureMode)
{
    private readonly Lock _gate = new();
    private bool _isAvailable = true;
    private DateTimeOffset? _lastFailure;

    /// <summary>False when the buckets live in process; then the other properties say nothing.</summary>
    public bool IsConfigured { get; } = isConfigured;

    public RedisFailureMode FailureMode { get; } = failureMode;

    /// <summary>With fail-closed, requests are refused while Redis is down, so the node is not ready without it.</summary>
    public bool IsRequired => IsConfigured && FailureMode == RedisFailureMode.Closed;

    public bool IsAvailable
    {
        get
        {
            lock (_gate)
            {
                return _isAvailable;
            }
        }
    }

    public DateTimeOffset? LastFailure
    {
        get
        {
            lock (_gate)
            {
                return _lastFailure;
            }
        }
    }

    /// <summary>Records an answer; true when this ends an outage.</summary>
    public bool RecordSuccess()
    {
        lock (_gate)
        {
            var recovered = !_isAvailable;
            _isAvailable = true;
            return recovered;
        }
    }

    /// <summary>Records a failed call; true when this begins an outage.</summary>
    public bool RecordFailure(DateTimeOffset at)
    {
        lock (_gate)
        {
            var began = _isAvailable;
            _isAvailable = false;
            _lastFailure = at;
            return began;
        }
    }
}
