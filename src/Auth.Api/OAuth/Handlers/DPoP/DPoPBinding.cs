namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>
/// What a token request's DPoP proof binds (kept in the OpenIddict transaction from the request's checks to the
/// tokens): the access token always, the refresh token of a public client (RFC 9449 §5: a confidential client's
/// refresh token is bound by its client authentication instead, so it can change keys).
/// </summary>
public sealed record DPoPBinding(string Thumbprint, bool BindsRefreshToken)
{
    /// <summary>The transaction property it is kept under.</summary>
    public const string Property = "auth:dpop_binding";

    /// <summary>The private claim of an authorization code or refresh token bound to a key: the key's thumbprint.</summary>
    public const string BoundKeyClaim = "auth_dpop_jkt";

    /// <summary>The authorization request parameter that binds the code to a key (RFC 9449 §10).</summary>
    public const string AuthorizationParameter = "dpop_jkt";
}
