namespace Auth.Domain.Sessions;

/// <summary>A client that received an authorization code in a session: whom a logout of the session concerns.</summary>
public sealed class SessionClient
{
    private SessionClient()
    {
    }

    public SessionClient(string sessionId, string clientId, DateTimeOffset now)
    {
        SessionId = sessionId;
        ClientId = clientId;
        FirstCodeAt = now;
    }

    public string SessionId { get; private set; } = default!;

    public string ClientId { get; private set; } = default!;

    public DateTimeOffset FirstCodeAt { get; private set; }
}
