using Auth.Application.Clients;

namespace Auth.Api.Pages.Admin.Clients;

/// <summary>
/// The settings of a client that the console's forms show and change (creating one, editing one): bound from fields
/// named as the properties. The rest of a registration (lifetimes, PKCE, groups claim, roles, …) is the admin API's and
/// the seed file's.
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
            RedirectUris = ConsolePage.Words(RedirectUris),
            PostLogoutRedirectUris = ConsolePage.Words(PostLogoutRedirectUris),
            AllowedCorsOrigins = ConsolePage.Words(AllowedCorsOrigins),
            FirstParty = !ThirdParty,
            RequireMfa = RequireMfa,
        };
        return current is null
            ? definition
            : definition with
            {
                AccessTokenLifetime = current.AccessTokenLifetime,
                RefreshTokenLifetime = current.RefreshTokenLifetime,
                RefreshTokenAbsoluteLifetime = current.RefreshTokenAbsoluteLifetime,
                RequirePkce = current.RequirePkce,
                RequirePushedAuthorizationRequests = current.RequirePushedAuthorizationRequests && GrantTypes.Contains(ClientGrantTypes.AuthorizationCode),
                RequireDPoP = current.RequireDPoP,
                UserinfoSignedResponseAlg = current.UserinfoSignedResponseAlg,
                RequestObjectSigningAlg = current.RequestObjectSigningAlg,
                RequireSignedRequestObject = current.RequireSignedRequestObject && GrantTypes.Contains(ClientGrantTypes.AuthorizationCode),
                RequestUris = GrantTypes.Contains(ClientGrantTypes.AuthorizationCode) ? current.RequestUris : [],
                Jwks = current.Jwks,
                JwksUri = current.JwksUri,
                LogoUri = current.LogoUri,
                PolicyUri = current.PolicyUri,
                TosUri = current.TosUri,
                ClientUri = current.ClientUri,
                Contacts = current.Contacts,
                GroupsClaim = current.GroupsClaim,
                Roles = current.Roles,
                BackchannelLogoutUri = current.BackchannelLogoutUri,
                BackchannelLogoutSessionRequired = current.BackchannelLogoutSessionRequired,
            };
    }
}
