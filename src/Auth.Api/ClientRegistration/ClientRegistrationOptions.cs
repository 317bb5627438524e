using Auth.Application.Clients;
using Auth.Application.Clients.Registration;

namespace Auth.Api.ClientRegistration;

/// <summary>How clients may register themselves (RFC 7591), bound from the <c>ClientRegistration</c> section.</summary>
public sealed class ClientRegistrationOptions
{
    public const string Section = "ClientRegistration";

    /// <summary>Off (the default: no endpoint), InitialAccessToken (an operator's token per registration) or Open (anyone).</summary>
    public ClientRegistrationMode Mode { get; set; } = ClientRegistrationMode.Off;

    /// <summary>
    /// The scopes a registered client may name: the most any initial access token allows. Empty (the default): openid,
    /// profile, email and offline_access. (A default list would be added to, not replaced, by configuration binding.)
    /// </summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The grant types a registered client may name. Empty (the default): authorization_code and refresh_token.</summary>
    public List<string> GrantTypes { get; set; } = [];

    /// <summary>How long an initial access token made without a stated lifetime lasts.</summary>
    public TimeSpan InitialAccessTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.20.0.0/16</c>) the URIs of a client that registered itself may reach besides public
    /// addresses: its jwks_uri, request_uris and backchannel_logout_uri are called only on an address one of them holds
    /// or that is public (<see cref="OAuth.OutboundAddressGuard"/>). Empty (the default): public addresses only.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public RegistrationAllowance Policy => new(
        Scopes.Count > 0 ? Scopes : [StandardScopes.OpenId, StandardScopes.Profile, StandardScopes.Email, StandardScopes.OfflineAccess],
        GrantTypes.Count > 0 ? GrantTypes : [ClientGrantTypes.AuthorizationCode, ClientGrantTypes.RefreshToken]);
}

public enum ClientRegistrationMode
{
    Off,
    InitialAccessToken,
    Open,
}
