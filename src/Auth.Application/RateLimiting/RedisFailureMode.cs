namespace Auth.Application.RateLimiting;

/// <summary>While Redis does not answer: serve without limits (<see cref="Open"/>) or refuse with 503 (<see cref="Closed"/>).</summary>
public enum RedisFailureMode
{
    Open,
    Closed,
}
