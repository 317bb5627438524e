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
    /// RFC 8693: a service trades a user's access token it received for a narrower one to call the next service,
    /// optionally acting for the user (delegation, with an actor token). Confidential clients only.
    /// </summary>
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";

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
        TokenExchange,
    };

    /// <summary>
    /// Grants only a client that authenticates (a secret or keys) may use: client_credentials acts as the client itself,
    /// and a token exchange turns a token the client received into a new one, which a public client, whose id anyone can
    /// send, must not be able to do with a token it found (RFC 8693 §2.1, RFC 9700 §2.5).
    /// </summary>
    public static readonly IReadOnlySet<string> ConfidentialOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        ClientCredentials,
        TokenExchange,
    };
}
