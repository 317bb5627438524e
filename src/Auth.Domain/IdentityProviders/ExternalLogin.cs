namespace Auth.Domain.IdentityProviders;

/// <summary>
/// The link from an upstream identity (provider, upstream subject) to a local user. After the first sign-in only the
/// link counts: a later change of the upstream's name or address links nobody else. One upstream identity has one
/// row (unique), and a user has at most one identity per provider (unique). When the user is deleted the row stays
/// as a tombstone (<see cref="UserId"/> null), so the identity can never be given a fresh account by itself.
/// </summary>
public sealed class ExternalLogin
{
    private ExternalLogin()
    {
    }

    public ExternalLogin(string providerId, string upstreamSubject, string userId, LinkRule linkedBy, DateTimeOffset now)
    {
        Id = Guid.NewGuid().ToString("N");
        ProviderId = providerId;
        UpstreamSubject = upstreamSubject;
        UserId = userId;
        LinkedBy = linkedBy;
        CreatedAt = now;
        LastSignInAt = now;
    }

    public string Id { get; private set; } = default!;

    public string ProviderId { get; private set; } = default!;

    /// <summary>The subject claim's value; for Entra <c>{tid}:{oid}</c>, since <c>sub</c> differs per application.</summary>
    public string UpstreamSubject { get; private set; } = default!;

    /// <summary>Null once the user was deleted: a tombstone.</summary>
    public string? UserId { get; private set; }

    public LinkRule LinkedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastSignInAt { get; private set; }

    public bool IsTombstone => UserId is null;

    public void RecordSignIn(DateTimeOffset now) => LastSignInAt = now;

    /// <summary>A tombstone points at the user the directory provisioned again for the same person.</summary>
    public void Relink(string userId, LinkRule linkedBy, DateTimeOffset now)
    {
        UserId = userId;
        LinkedBy = linkedBy;
        LastSignInAt = now;
    }
}
