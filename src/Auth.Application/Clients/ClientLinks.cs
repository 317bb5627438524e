namespace Auth.Application.Clients;

/// <summary>
/// What a client shows its users through this server's sign-in and consent pages (OpenID Connect Dynamic Client
/// Registration 1.0 §2): its logo (<c>logo_uri</c>), its privacy policy (<c>policy_uri</c>) and its terms of service
/// (<c>tos_uri</c>). The pages link to them and load the logo; the server itself never fetches them.
/// </summary>
public static class ClientLinks
{
    /// <summary>The longest link kept.</summary>
    public const int MaximumLength = 2_000;

    /// <summary>
    /// Why <paramref name="value"/> cannot be one of these links, naming it <paramref name="member"/>; null when it
    /// can: an absolute https URL (http only on a loopback host), without user name or password, at most
    /// <see cref="MaximumLength"/> characters. The pages show it as given.
    /// </summary>
    public static string? Problem(string value, string member) =>
        value.Length <= MaximumLength && !value.Any(char.IsWhiteSpace) && Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        OutboundUri.IsHttpsOrLoopback(uri)
            ? null
            : $"{member} must be an absolute https URL (http only on a loopback host) without user name or password, of at most {MaximumLength} characters.";
}
