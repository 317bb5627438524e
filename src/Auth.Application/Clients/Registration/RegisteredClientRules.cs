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

    public static Error? Problem(ClientDefinition client, RegistrationAllowance allowance)
    {
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
