namespace Auth.Application.Clients;

/// <summary>Per-client settings this service keeps beside OpenIddict's own, in the application's settings.</summary>
public static class ClientSettings
{
    /// <summary>No refresh succeeds this long after the user signed in (a TimeSpan in "c" format).</summary>
    public const string RefreshTokenAbsoluteLifetime = "urn:auth:settings:refresh_token_absolute_lifetime";

    /// <summary>"true" when users must give a second factor (TOTP) to sign in to this client.</summary>
    public const string RequireMfa = "urn:auth:settings:require_mfa";
}
