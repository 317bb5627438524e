namespace Auth.Application.Sessions;

/// <summary>
/// OpenID Connect Back-Channel Logout 1.0: whether logout tokens are sent, and how the outbox delivers them. Bound from
/// the <c>OAuth</c> section (<c>OAuth:BackChannelLogout</c>, <c>OAuth:BackChannelLogoutTimeout</c>, ...).
/// </summary>
public sealed class BackChannelLogoutOptions
{
    public const string Section = "OAuth";

    /// <summary>Logout tokens are queued, sent and advertised in discovery. False queues nothing and sends nothing.</summary>
    public bool BackChannelLogout { get; set; } = true;

    /// <summary>How long one POST to a client may take before it counts as failed.</summary>
    public TimeSpan BackChannelLogoutTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed attempt; it doubles with each further one.</summary>
    public TimeSpan BackChannelLogoutRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan BackChannelLogoutMaximumRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A notice not delivered this long after the session ended is given up (marked failed, audited).</summary>
    public TimeSpan BackChannelLogoutGiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each node looks for due notices.</summary>
    public TimeSpan BackChannelLogoutPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsValid =>
        BackChannelLogoutTimeout >= TimeSpan.FromMilliseconds(100) && BackChannelLogoutTimeout <= TimeSpan.FromMinutes(1) &&
        BackChannelLogoutRetryDelay >= TimeSpan.FromMilliseconds(100) && BackChannelLogoutMaximumRetryDelay >= BackChannelLogoutRetryDelay &&
        BackChannelLogoutGiveUpAfter >= TimeSpan.FromMinutes(1) && BackChannelLogoutGiveUpAfter <= TimeSpan.FromDays(30) &&
        BackChannelLogoutPollInterval >= TimeSpan.FromMilliseconds(100) && BackChannelLogoutPollInterval <= TimeSpan.FromMinutes(5);

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: the retry delay doubled each time, up to the maximum.</summary>
    public TimeSpan RetryDelayAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = BackChannelLogoutRetryDelay.TotalMilliseconds * factor;
        return delay >= BackChannelLogoutMaximumRetryDelay.TotalMilliseconds ? BackChannelLogoutMaximumRetryDelay : TimeSpan.FromMilliseconds(delay);
    }

    /// <summary>How long a node holds a claimed notice: its attempt cannot take longer, so another node takes it up only after a crash.</summary>
    public TimeSpan Lease => BackChannelLogoutTimeout * 3;
}
