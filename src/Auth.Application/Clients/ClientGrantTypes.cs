namespace Auth.Application.Clients;

/// <summary>The grant types a client can be registered for, by their RFC 6749 names.</summary>
public static class ClientGrantTypes
{
    /// <summary>RFC 6749 §4.4: a client acting for itself.</summary>
    public const string ClientCredentials = "client_credentials";

    /// <summary>RFC 6749 §4.1: a user signs in through the browser.</summary>
    public const string AuthorizationCode = "authorization_code";

    /// <summary>RFC 6749 §6.</summary>
    public const string RefreshToken = "refresh_token";

    /// <summary>RFC 8628: a device without a browser (a CLI, a TV) shows a code the user enters at /device.</summary>
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>
    /// Ephemeral mode's test-only grant (<c>POST /testing/tokens</c>, docs/testing.md): a user's tokens without a
    /// browser. Never registrable; every client may use it in ephemeral mode and none in any other.
    /// </summary>
    public const string Testing = "urn:auth:grant-type:testing";

    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        ClientCredentials,
        AuthorizationCode,
        RefreshToken,
        DeviceCode,
    };
}
