namespace Auth.Testing;

/// <summary>The server's clock (<c>/testing/clock</c>): the real time plus <see cref="Offset"/>.</summary>
/// <param name="Offset">How far the server's clock is from the real time.</param>
/// <param name="Now">The time the server reads.</param>
public sealed record AuthServerClock(TimeSpan Offset, DateTimeOffset Now);
