namespace Auth.Api.Authorization;

/// <summary>
/// How one of the service's own APIs words a refusal of its access token. The APIs' clients already read these
/// answers, so each API keeps its own: the SCIM error schema or the OAuth <c>{error, error_description}</c> body, the
/// realm its challenge names (the admin API's names none), the sentences of a 401, and the body's error of a 403 for
/// a missing scope (the challenge says insufficient_scope in every API, RFC 6750 §3.1).
/// </summary>
/// <param name="Realm">The challenge's realm (RFC 6750 §3), or none.</param>
/// <param name="ScimErrors">Refusals are in the SCIM error schema (RFC 7644 §3.12) rather than the OAuth body.</param>
/// <param name="MissingToken">The description of a 401 to a request without a Bearer token.</param>
/// <param name="InvalidToken">The description of a 401 to a request whose Bearer token is not valid.</param>
/// <param name="ScopeError">The body's error of a 403 to a token without the API's scope.</param>
/// <param name="NoStore">Refusals carry Cache-Control: no-store, as every answer of the API does.</param>
public sealed record BearerApi(string? Realm, bool ScimErrors, string MissingToken, string InvalidToken, string ScopeError, bool NoStore)
{
    private const string BearerTokenRequired = "A Bearer access token is required.";
    private const string TokenNotValid = "The access token is not valid.";
    private const string UsersTokenRequired = "A Bearer access token of a signed-in user is required.";

    /// <summary>/scim/v2. SCIM answers always carry no-store.</summary>
    public static readonly BearerApi Scim = new("scim", ScimErrors: true, BearerTokenRequired, TokenNotValid, "insufficient_scope", NoStore: true);

    /// <summary>/admin/audit, the first admin route, as the original API specification words it.</summary>
    public static readonly BearerApi Admin = new(Realm: null, ScimErrors: false, BearerTokenRequired, TokenNotValid, "access_denied", NoStore: false);

    /// <summary>/admin/v1: a missing scope is insufficient_scope in the body too; nothing an operator reads is cached.</summary>
    public static readonly BearerApi AdminV1 = new("admin", ScimErrors: false, BearerTokenRequired, TokenNotValid, "insufficient_scope", NoStore: true);

    /// <summary>/mfa/totp: secrets and recovery codes, so no answer is kept by a cache.</summary>
    public static readonly BearerApi Mfa = new("mfa", ScimErrors: false, UsersTokenRequired, UsersTokenRequired, "insufficient_scope", NoStore: true);
}
