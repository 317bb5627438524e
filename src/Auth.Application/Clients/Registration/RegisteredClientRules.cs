using Auth.Application.Admin;
using Auth.Application.Mfa;
using Auth.Application.Ports;
using Auth.Application.Results;

namespace Auth.Application.Clients.Registration;

/// <summary>
/// What a client that registers itself must be beyond any client's rules (ClientDefinitionValidator): third-party, so
/// users are asked for consent; redirect URIs over https, or http on a loopback address for native apps (RFC 8252
/// §7.3), absolute and without fragment; within its allowance. RFC 7591 §3.2.2 names the errors.
/// </summary>
public static class RegisteredClientRules
{
    public const string InvalidRedirectUri = "invalid_redirect_uri";

    public const string InvalidClientMetadata = "invalid_client_metadata";

    /// <summary>Scopes no policy may give a client that registers itself: the admin API's, the MFA API's and SCIM's.</summary>
    public static bool IsReserved(string scope) => AdminScopes.Names.Contains(scope) || scope == MfaScope.Name || scope == "scim";

    /// <summary>
    /// A client that names no scope (RFC 7591 §2: the server may register a default set; OpenID Connect Dynamic Client
    /// Registration has no scope member at all) gets every scope its allowance gives.
    /// </summary>
    public static ClientDefinition WithDefaultScopes(ClientDefinition client, RegistrationAllowance allowance) =>
        client.Scopes.Count > 0 ? client : client with { Scopes = allowance.Scopes };

    /// <summary>
    /// Every rule, before anything is spent or written: this class's, then any client's (ClientDefinitionValidator) and
    /// that its scopes exist, each failure as RFC 7591 §3.2.2 names it.
    /// </summary>
    public static async Task<Error?> ProblemAsync(ClientDefinition client, RegistrationAllowance allowance, IScopeRegistry scopes, CancellationToken cancellationToken)
    {
        if (Problem(client, allowance) is { } problem)
        {
            return problem;
        }

        var validation = await new ClientDefinitionValidator(secretRequiredForClientCredentials: false).ValidateAsync(client, cancellationToken);
        if (!validation.IsValid)
        {
            return Error.Invalid(validation.Errors[0].ErrorMessage) with { Code = InvalidClientMetadata };
        }

        return await ClientRegistration.FirstUnregisteredScopeAsync(client, scopes, cancellationToken) is { } unknown
            ? Error.Invalid($"The scope '{unknown}' is not registered.") with { Code = InvalidClientMetadata }
            : null;
    }

    public static Error? Problem(ClientDefinition client, RegistrationAllowance allowance)
    {
        if (client.Scopes.FirstOrDefault(IsReserved) is { } reserved)
        {
            return Error.Invalid($"The scope '{reserved}' is never given to a client that registers itself.") with { Code = InvalidClientMetadata };
        }

        foreach (var uri in client.RedirectUris.Concat(client.PostLogoutRedirectUris))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !string.IsNullOrEmpty(parsed.Fragment) || parsed.IsFile ||
                !(parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback) || !string.IsNullOrEmpty(parsed.UserInfo))
            {
                return Error.Invalid($"The redirect URI '{uri}' must be an absolute https URI (http only on a loopback address) without fragment.") with
                {
                    Code = InvalidRedirectUri,
                };
            }
        }

        return allowance.Problem(client) is { } problem ? Error.Invalid(problem) with { Code = InvalidClientMetadata } : null;
    }
}
