namespace Auth.Application.Clients;

/// <summary>Per-client settings this service keeps beside OpenIddict's own, in the application's settings.</summary>
public static class ClientSettings
{
    /// <summary>No refresh succeeds this long after the user signed in (a TimeSpan in "c" format).</summary>
    public const string RefreshTokenAbsoluteLifetime = "urn:auth:settings:refresh_token_absolute_lifetime";
}
