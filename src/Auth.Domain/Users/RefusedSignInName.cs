namespace Auth.Domain.Users;

/// <summary>
/// A user name a sign-in was refused for without touching a user (no such user, deactivated, locked out). Recording
/// these costs the same database write as counting a wrong password, so response time does not tell the cases apart.
/// </summary>
public sealed class RefusedSignInName
{
    private RefusedSignInName()
    {
    }

    public RefusedSignInName(string normalizedUserName, DateTimeOffset now)
    {
        NormalizedUserName = normalizedUserName;
        Count = 1;
        LastAttemptAt = now;
    }

    public string NormalizedUserName { get; private set; } = default!;

    public long Count { get; private set; }

    public DateTimeOffset LastAttemptAt { get; private set; }
}
