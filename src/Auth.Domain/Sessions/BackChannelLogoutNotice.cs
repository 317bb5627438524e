namespace Auth.Domain.Sessions;

/// <summary>
/// A row of the back-channel logout outbox: a client that must be told that a session it took part in has ended
/// (OpenID Connect Back-Channel Logout 1.0). Written in the transaction that ends the session, so an ended session is
/// never without its notices; sent by whichever node claims it first, until delivered (then deleted) or given up.
/// </summary>
public sealed class BackChannelLogoutNotice
{
    /// <summary>The longest error text kept: a status code or an exception's type, never a response body.</summary>
    public const int MaximumErrorLength = 200;

    private BackChannelLogoutNotice()
    {
    }

    public BackChannelLogoutNotice(string clientId, string subject, string sessionId, DateTimeOffset now, TimeSpan giveUpAfter)
    {
        Id = Guid.CreateVersion7(now);
        ClientId = clientId;
        Subject = subject;
        SessionId = sessionId;
        CreatedAt = now;
        NextAttemptAt = now;
        GiveUpAt = now + giveUpAfter;
    }

    public Guid Id { get; private set; }

    public string ClientId { get; private set; } = default!;

    /// <summary>The user's <c>sub</c>, as in the ID tokens the client received.</summary>
    public string Subject { get; private set; } = default!;

    /// <summary>The ended session's <c>sid</c>, as in the ID tokens the client received.</summary>
    public string SessionId { get; private set; } = default!;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the notice is due; while a node is sending it, the end of that node's lease.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>After this a failed attempt is the last: the notice is marked failed.</summary>
    public DateTimeOffset GiveUpAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>New with every claim: a node's write after its attempt applies only while the claim is still its own.</summary>
    public Guid? ClaimToken { get; private set; }

    /// <summary>Given up: no more attempts.</summary>
    public bool Failed { get; private set; }

    public string? LastError { get; private set; }
}
