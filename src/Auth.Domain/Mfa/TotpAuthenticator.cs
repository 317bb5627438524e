namespace Auth.Domain.Mfa;

/// <summary>
/// A user's TOTP authenticator (RFC 6238): the confirmed secret in force, a pending one being enrolled, the last time
/// step accepted (replay protection), and the count of wrong codes toward a lockout. Secrets are stored encrypted.
/// </summary>
public sealed class TotpAuthenticator
{
    private TotpAuthenticator()
    {
    }

    public TotpAuthenticator(string userId) => UserId = userId;

    public string UserId { get; private set; } = default!;

    /// <summary>The encrypted secret of the confirmed authenticator, or null before the first confirmation.</summary>
    public string? ProtectedSecret { get; private set; }

    /// <summary>The encrypted secret of an enrolment not yet confirmed by a code; the confirmed one stays in force meanwhile.</summary>
    public string? PendingProtectedSecret { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    /// <summary>The last accepted time step: a code for this step or an earlier one is refused (RFC 6238 §5.2).</summary>
    public long LastUsedStep { get; private set; } = -1;

    public int FailedAttempts { get; private set; }

    public DateTimeOffset? LockoutEnd { get; private set; }

    public bool IsConfirmed => ProtectedSecret is not null;

    public void StartEnrolment(string protectedSecret) => PendingProtectedSecret = protectedSecret;

    /// <summary>The pending secret becomes the one in force; its time steps start afresh.</summary>
    public void ConfirmEnrolment(DateTimeOffset now)
    {
        ProtectedSecret = PendingProtectedSecret ?? throw new InvalidOperationException("No enrolment is pending.");
        PendingProtectedSecret = null;
        ConfirmedAt = now;
    }

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;
}
