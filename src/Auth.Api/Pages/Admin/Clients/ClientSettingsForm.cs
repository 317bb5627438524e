using Auth.Application.Clients;

namespace Auth.Api.Pages.Admin.Clients;

/// <summary>
/// The settings of a client that the console's forms show and change (creating one, editing one): bound from fields
/// named as the properties. The creation form holds the first group; the edit form all of them, with the logo and links
/// users are shown, the contacts, the request-object settings and the protocol requirements (PKCE, pushed requests,
/// DPoP, signed userinfo; a new client has the defaults). The rest of a registration (lifetimes, keys, groups claim,
/// roles, back-channel logout, …) is the admin API's and the seed file's.
/// </summary>
public sealed class ClientSettingsForm
{
    public static IReadOnlyList<string> GrantTypeChoices { get; } = [ClientGrantTypes.AuthorizationCode, ClientGrantTypes.RefreshToken, ClientGrantTypes.ClientCredentials, ClientGrantTypes.DeviceCode, ClientGrantTypes.TokenExchange];

    public string? DisplayName { get; set; }

    public List<string> GrantTypes { get; set; } = [];

    /// <summary>Separated by spaces.</summary>
    public string? Scopes { get; set; }

    /// <summary>One per line.</summary>
    public string? RedirectUris { get; set; }

    /// <summary>One per line.</summary>
    public string? PostLogoutRedirectUris { get; set; }

    /// <summary>One per line: the web origins the client's browser app calls the server from.</summary>
    public string? AllowedCorsOrigins { get; set; }

    public bool ThirdParty { get; set; }

    public bool RequireMfa { get; set; }

    public string? LogoUri { get; set; }

    /// <summary>The client's website (client_uri).</summary>
    public string? ClientUri { get; set; }

    public string? PolicyUri { get; set; }

    public string? TosUri { get; set; }

    /// <summary>One per line: e-mail addresses for operators, never shown to users.</summary>
    public string? Contacts { get; set; }

    /// <summary>The one algorithm its request objects must be signed with; empty for any the client's keys allow.</summary>
    public string? RequestObjectSigningAlg { get; set; }

    public bool RequireSignedRequestObject { get; set; }

    /// <summary>One per line: the request_uri values it may send.</summary>
    public string? RequestUris { get; set; }

    /// <summary>
    /// A confidential client sends a PKCE challenge too (a public one always must, and a self-registered one keeps it:
    /// the form offers it for neither).
    /// </summary>
    public bool RequirePkce { get; set; }

    /// <summary>Every authorization request is pushed first (PAR); dropped without the authorization_code grant.</summary>
    public bool RequirePushedAuthorizationRequests { get; set; }

    public bool RequireDPoP { get; set; }

    /// <summary>Userinfo answers as JWTs signed with <see cref="UserInfoSigning.Algorithm"/>, not plain JSON.</summary>
    public bool SignedUserinfo { get; set; }

    public static ClientSettingsForm Of(ClientDetails client) => new()
    {
        DisplayName = client.DisplayName,
        GrantTypes = [.. client.GrantTypes],
        Scopes = string.Join(' ', client.Scopes),
        RedirectUris = string.Join('\n', client.RedirectUris),
        PostLogoutRedirectUris = string.Join('\n', client.PostLogoutRedirectUris),
        AllowedCorsOrigins = string.Join('\n', client.AllowedCorsOrigins),
        ThirdParty = !client.FirstParty,
        RequireMfa = client.RequireMfa,
        LogoUri = client.LogoUri,
        ClientUri = client.ClientUri,
        PolicyUri = client.PolicyUri,
        TosUri = client.TosUri,
        Contacts = string.Join('\n', client.Contacts),
        RequestObjectSigningAlg = client.RequestObjectSigningAlg,
        RequireSignedRequestObject = client.RequireSignedRequestObject,
        RequestUris = string.Join('\n', client.RequestUris),
        RequirePkce = client.RequirePkce,
        RequirePushedAuthorizationRequests = client.RequirePushedAuthorizationRequests,
        RequireDPoP = client.RequireDPoP,
        SignedUserinfo = client.UserinfoSignedResponseAlg is not null,
    };

    /// <summary>The definition of <paramref name="clientId"/> with these settings, and the rest of <paramref name="current"/>'s (a new client's defaults without one).</summary>
    public ClientDefinition ToDefinition(string clientId, ClientDetails? current = null)
    {
        var definition = new ClientDefinition
        {
            ClientId = clientId,
            DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim(),
            GrantTypes = GrantTypes,
            Scopes = ConsolePage.Words(Scopes),
            RedirectUris = ConsolePage.Uris(RedirectUris),
            PostLogoutRedirectUris = ConsolePage.Uris(PostLogoutRedirectUris),
            AllowedCorsOrigins = ConsolePage.Uris(AllowedCorsOrigins),
            FirstParty = !ThirdParty,
            RequireMfa = RequireMfa,
            LogoUri = Trimmed(LogoUri),
            ClientUri = Trimmed(ClientUri),
            PolicyUri = Trimmed(PolicyUri),
            TosUri = Trimmed(TosUri),
            Contacts = ConsolePage.Words(Contacts),

            // Request objects come with an authorization request: without that grant, requiring them and the request
            // URIs go (the algorithm stays, as the admin API keeps it).
            RequestObjectSigningAlg = Trimmed(RequestObjectSigningAlg),
            RequireSignedRequestObject = RequireSignedRequestObject && GrantTypes.Contains(ClientGrantTypes.AuthorizationCode),
            RequestUris = GrantTypes.Contains(ClientGrantTypes.AuthorizationCode) ? ConsolePage.Uris(RequestUris) : [],
        };
        return current is null
            ? definition
            : definition with
            {
                AccessTokenLifetime = current.AccessTokenLifetime,
                RefreshTokenLifetime = current.RefreshTokenLifetime,
                RefreshTokenAbsoluteLifetime = current.RefreshTokenAbsoluteLifetime,
                // A self-registered client always keeps PKCE and its users' consent, as dynamic registration gives
                // every client it (security rule 123; the form offers neither for it); a public client always has PKCE.
                RequirePkce = RequirePkce || current.SelfRegistered,
                FirstParty = !ThirdParty && !current.SelfRegistered,
                RequirePushedAuthorizationRequests = RequirePushedAuthorizationRequests && GrantTypes.Contains(ClientGrantTypes.AuthorizationCode),
                RequireDPoP = RequireDPoP,
                UserinfoSignedResponseAlg = SignedUserinfo ? UserInfoSigning.Algorithm : null,
                Jwks = current.Jwks,
                JwksUri = current.JwksUri,
                GroupsClaim = current.GroupsClaim,
                Roles = current.Roles,
                BackchannelLogoutUri = current.BackchannelLogoutUri,
                BackchannelLogoutSessionRequired = current.BackchannelLogoutSessionRequired,
            };
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
