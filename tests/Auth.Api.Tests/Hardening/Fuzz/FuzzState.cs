namespace Auth.Api.Tests.Hardening.Fuzz;

/// <summary>
/// The valid credentials and resources the fuzzed requests start from, gathered by the fixture before the run.
/// Cookies are sent as fixed Cookie headers, so one request's Set-Cookie never changes what the next one sends.
/// </summary>
public sealed record FuzzState(
    string ServiceBasic,
    string WebBasic,
    string ScimToken,
    string AdminToken,
    string UserToken,
    string ServiceToken,
    BrowserState Session,
    BrowserState Anonymous,
    BrowserState PendingSecondFactor,
    string ScimUserId,
    string ScimGroupId,
    string UserName)
{
    /// <summary>The baseline with its placeholders filled in; {n} makes each created resource's names unique.</summary>
    public string Fill(string text, int n) => text
        .Replace("{user}", ScimUserId, StringComparison.Ordinal)
        .Replace("{group}", ScimGroupId, StringComparison.Ordinal)
        .Replace("{userName}", Uri.EscapeDataString(UserName), StringComparison.Ordinal)
        .Replace("{serviceToken}", ServiceToken, StringComparison.Ordinal)
        .Replace("{userToken}", UserToken, StringComparison.Ordinal)
        .Replace("{n}", n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public BrowserState? Browser(FuzzCredential credential) => credential switch
    {
        FuzzCredential.Session => Session,
        FuzzCredential.Anonymous => Anonymous,
        FuzzCredential.PendingSecondFactor => PendingSecondFactor,
        _ => null,
    };

    public string? Authorization(FuzzCredential credential) => credential switch
    {
        FuzzCredential.ServiceClient => ServiceBasic,
        FuzzCredential.WebClient => WebBasic,
        FuzzCredential.ScimToken => "Bearer " + ScimToken,
        FuzzCredential.AdminToken => "Bearer " + AdminToken,
        FuzzCredential.UserToken => "Bearer " + UserToken,
        _ => null,
    };
}

/// <summary>A browser's cookies (as one Cookie header) and the antiforgery token its forms carry.</summary>
public sealed record BrowserState(string Cookies, string AntiforgeryToken);
