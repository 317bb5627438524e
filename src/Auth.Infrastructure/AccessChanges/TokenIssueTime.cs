using System.Globalization;

namespace Auth.Infrastructure.AccessChanges;

/// <summary>
/// When an access token was issued, to the millisecond. Its <c>iat</c> has whole seconds only, so a cut-off made in
/// the same second as a new token could not tell them apart; this service's access tokens carry a UUIDv7 <c>jti</c>,
/// whose first 48 bits are the Unix milliseconds of issue (RFC 9562 §5.7), signed with the rest of the token.
/// </summary>
public static class TokenIssueTime
{
    public static string NewTokenId(DateTimeOffset issuedAt) => Guid.CreateVersion7(issuedAt).ToString();

    /// <summary>
    /// The millisecond a token was issued: from a UUIDv7 <c>jti</c>, else the start of its <c>iat</c> second, which
    /// fails closed (a cut-off later in that second voids it too).
    /// </summary>
    public static long Of(string? tokenId, DateTimeOffset? issuedAt) =>
        tokenId is { Length: 36 } && tokenId[14] == '7' && Guid.TryParseExact(tokenId, "D", out _)
            ? long.Parse(string.Concat(tokenId.AsSpan(0, 8), tokenId.AsSpan(9, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : issuedAt?.ToUnixTimeSeconds() * 1000 ?? 0;
}
