using Auth.Domain.IdentityProviders;

namespace Auth.Application.IdentityProviders;

/// <summary>The words the seed file, configuration and command line use for provider kinds and client authentication.</summary>
public static class IdentityProviderNames
{
    public const string Oidc = "oidc";
    public const string Entra = "entra";
    public const string Okta = "okta";

    // RFC 7591 §2 token_endpoint_auth_method values.
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";

    public static readonly IReadOnlyList<string> Kinds = [Oidc, Entra, Okta];

    public static readonly IReadOnlyList<string> ClientAuthentications = [ClientSecretBasic, ClientSecretPost, PrivateKeyJwt];

    public static ProviderKind KindOf(string name) => name switch
    {
        Entra => ProviderKind.Entra,
        Okta => ProviderKind.Okta,
        _ => ProviderKind.Oidc,
    };

    public static string NameOf(ProviderKind kind) => kind switch
    {
        ProviderKind.Entra => Entra,
        ProviderKind.Okta => Okta,
        _ => Oidc,
    };

    public static ClientAuthenticationKind ClientAuthenticationOf(string name) => name switch
    {
        ClientSecretPost => ClientAuthenticationKind.ClientSecretPost,
        PrivateKeyJwt => ClientAuthenticationKind.PrivateKeyJwt,
        _ => ClientAuthenticationKind.ClientSecretBasic,
    };

    public static string NameOf(ClientAuthenticationKind kind) => kind switch
    {
        ClientAuthenticationKind.ClientSecretPost => ClientSecretPost,
        ClientAuthenticationKind.PrivateKeyJwt => PrivateKeyJwt,
        _ => ClientSecretBasic,
    };
}
