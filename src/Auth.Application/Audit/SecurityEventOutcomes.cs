namespace Auth.Application.Audit;

/// <summary>How a security event ended; a closed list, so it can be a metric label.</summary>
public static class SecurityEventOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string LockedOut = "locked_out";
    public const string Disabled = "disabled";
    public const string UnknownUser = "unknown_user";
    public const string NotEnrolled = "not_enrolled";
    public const string Replayed = "replayed";
    public const string Rejected = "rejected";
    public const string UpstreamError = "upstream_error";
    public const string NotLinked = "not_linked";
}
