namespace Auth.Api.Federation;

/// <summary>
/// Set on a request's features by the page that starts a sign-in, before its challenge: a challenge OpenIddict fails
/// (the upstream's pushed authorization request endpoint down or refusing) is written here instead of OpenIddict's
/// plain-text answer, so the page can show the error page.
/// </summary>
public sealed class ChallengeFailure
{
    public string? Error { get; set; }

    public string? ErrorUri { get; set; }
}
