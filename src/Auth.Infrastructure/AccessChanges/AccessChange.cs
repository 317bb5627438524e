namespace Auth.Infrastructure.AccessChanges;

/// <summary>
/// One change to who may still use an access token, kept until the tokens it covers have expired. Access tokens have
/// no row of their own (ADR 0010); every node holds these changes in memory (<see cref="AccessRevocations"/>) and reads
/// new ones as they are committed (<see cref="AccessChangeFeed"/>). Times are Unix milliseconds, the resolution of the
/// issue time in an access token's <c>jti</c> (a UUIDv7, see <see cref="TokenIssueTime"/>).
/// </summary>
public sealed class AccessChange
{
    public long Id { get; set; }

    public AccessChangeKind Kind { get; set; }

    /// <summary>The token's <c>jti</c>, or the subject, client id or authorization id that is cut off.</summary>
    public required string Key { get; set; }

    /// <summary>When the change was made: a cut-off voids the tokens issued at or before this millisecond.</summary>
    public long At { get; set; }

    /// <summary>When every token the change covers has expired, so the change can be forgotten.</summary>
    public long Expires { get; set; }

    /// <summary>
    /// PostgreSQL: the writing transaction's id (<c>pg_current_xact_id()</c>), so the feed can read again what a
    /// transaction still open at its last read commits later, however late (<see cref="AccessChangeFeed"/>). Null on SQLite.
    /// </summary>
    public long? TransactionId { get; set; }
}
