using System.Globalization;
using System.Text.Json;
using Auth.Application.Clients;
using Auth.Application.Results;

namespace Auth.Api.Pages.Admin.Clients;

/// <summary>
/// The settings of a client that the console's forms show and change (creating one, editing one): bound from fields
/// named as the properties. The creation form holds the first group; the edit form all of them: the logo and links
/// users are shown, the contacts, the request-object settings, the protocol requirements (PKCE, pushed requests, DPoP,
/// signed userinfo), the token lifetimes, back-channel logout, the groups claim, the roles and a confidential client's
/// keys (a new client has the defaults). What the form cannot state for a client it keeps as stored
/// (<see cref="OffersPkceChoice"/>, <see cref="OffersConsentChoice"/>, <see cref="OffersRoles"/>, <see cref="OffersKeys"/>);
/// the secret changes only by rotation.
/// </summary>
public sealed class ClientSettingsForm
{
    public static IReadOnlyList<string> GrantTypeChoices { get; } = [ClientGrantTypes.AuthorizationCode, ClientGrantTypes.RefreshToken, ClientGrantTypes.ClientCredentials, ClientGrantTypes.DeviceCode, ClientGrantTypes.TokenExchange];

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

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

    /// <summary>Seconds; empty for the server's OAuth:AccessTokenLifetime.</summary>
    public string? AccessTokenLifetime { get; set; }

    /// <summary>Seconds a refresh token stays usable unused (sliding); empty for the server's default.</summary>
    public string? RefreshTokenLifetime { get; set; }

    /// <summary>Seconds after sign-in when refreshing stops; empty for the server's default.</summary>
    public string? RefreshTokenAbsoluteLifetime { get; set; }

    /// <summary>Where logout tokens are POSTed; empty for none.</summary>
    public string? BackchannelLogoutUri { get; set; }

    public bool BackchannelLogoutSessionRequired { get; set; }

    /// <summary>The client's page loaded in an iframe when a session ends; empty for none.</summary>
    public string? FrontchannelLogoutUri { get; set; }

    public bool FrontchannelLogoutSessionRequired { get; set; }

    /// <summary><see cref="GroupsClaimValue"/>: what the groups claim lists.</summary>
    public string? GroupsClaim { get; set; }

    /// <summary>One <c>role = group</c> per line (split at the first '=', as the command line's <c>--role</c>); a role on several lines holds several groups.</summary>
    public string? Roles { get; set; }

    /// <summary>The JSON Web Key Set the client signs private_key_jwt assertions with; empty when it has none (or a <see cref="JwksUri"/>).</summary>
    public string? Jwks { get; set; }

    /// <summary>Where the server fetches those keys instead.</summary>
    public string? JwksUri { get; set; }

    /// <summary>Whether the edit form offers a choice of PKCE: a public client always sends it, a self-registered one keeps it (security rule 123).</summary>
    public static bool OffersPkceChoice(ClientDetails client) => client.IsConfidential && !client.SelfRegistered;

    /// <summary>Whether the edit form offers a choice of consent: a self-registered client's users are always asked (security rule 123).</summary>
    public static bool OffersConsentChoice(ClientDetails client) => !client.SelfRegistered;

    /// <summary>
    /// Whether the edit form can state the client's roles: a role whose name holds '=' or a group whose name holds a line
    /// break (the admin API and the seed file allow both) cannot be written as a <c>role = group</c> line, so its
    /// client's roles are kept as stored.
    /// </summary>
    public static bool OffersRoles(ClientDetails client) =>
        !client.Roles.Any(role => role.Key.Contains('=', StringComparison.Ordinal) || role.Value.Any(group => group.AsSpan().IndexOfAny('\r', '\n') >= 0));

    /// <summary>
    /// Whether the edit form offers the client's keys: a confidential one's (a client with a secret that is given keys
    /// signs with them instead, and its secret stops working). A public client becomes confidential only through the
    /// admin API, and a self-registered client with a secret keeps it: its own RFC 7592 updates cannot change how it
    /// authenticates.
    /// </summary>
    public static bool OffersKeys(ClientDetails client) =>
        client.IsConfidential && (client.Jwks is not null || client.JwksUri is not null || !client.SelfRegistered);

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
        AccessTokenLifetime = client.AccessTokenLifetime?.ToString(CultureInfo.InvariantCulture),
        RefreshTokenLifetime = client.RefreshTokenLifetime?.ToString(CultureInfo.InvariantCulture),
        RefreshTokenAbsoluteLifetime = client.RefreshTokenAbsoluteLifetime?.ToString(CultureInfo.InvariantCulture),
        BackchannelLogoutUri = client.BackchannelLogoutUri,
        BackchannelLogoutSessionRequired = client.BackchannelLogoutSessionRequired,
        FrontchannelLogoutUri = client.FrontchannelLogoutUri,
        FrontchannelLogoutSessionRequired = client.FrontchannelLogoutSessionRequired,
        GroupsClaim = client.GroupsClaim,
        Roles = string.Join('\n', client.Roles.SelectMany(role => role.Value.Select(group => $"{role.Key} = {group}"))),
        Jwks = client.Jwks is { } jwks ? JsonSerializer.Serialize(jwks, IndentedJson) : null,
        JwksUri = client.JwksUri,
    };

    /// <summary>A new client <paramref name="clientId"/> with these settings and the defaults for the rest (the creation form).</summary>
    public ClientDefinition ForNewClient(string clientId) => new()
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
        LogoUri = ConsolePage.Trimmed(LogoUri),
        ClientUri = ConsolePage.Trimmed(ClientUri),
        PolicyUri = ConsolePage.Trimmed(PolicyUri),
        TosUri = ConsolePage.Trimmed(TosUri),
        Contacts = ConsolePage.Words(Contacts),

        // Request objects come with an authorization request: without that grant, requiring them and the request
        // URIs go (the algorithm stays, as the admin API keeps it).
        RequestObjectSigningAlg = ConsolePage.Trimmed(RequestObjectSigningAlg),
        RequireSignedRequestObject = RequireSignedRequestObject && CodeGrant,
        RequestUris = CodeGrant ? ConsolePage.Uris(RequestUris) : [],
    };

    /// <summary>
    /// <paramref name="current"/> with these settings (the edit form), and as stored what the form does not offer for
    /// it; refused when a field cannot be read (a lifetime that is not a whole number, keys that are not JSON, a client
    /// with keys left without any). Whether the values are acceptable is the use case's rule.
    /// </summary>
    public Result<ClientDefinition> ForClient(ClientDetails current)
    {
        var access = Seconds(AccessTokenLifetime, "access-token lifetime");
        var refresh = Seconds(RefreshTokenLifetime, "refresh-token lifetime");
        var absolute = Seconds(RefreshTokenAbsoluteLifetime, "absolute refresh-token lifetime");
        var keys = OffersKeys(current) ? Keys(current) : (current.Jwks, current.JwksUri);
        if ((access.Error ?? refresh.Error ?? absolute.Error ?? keys.Error) is { } unreadable)
        {
            return unreadable;
        }

        return ForNewClient(current.ClientId) with
        {
            AccessTokenLifetime = access.Value,
            RefreshTokenLifetime = refresh.Value,
            RefreshTokenAbsoluteLifetime = absolute.Value,
            RequirePkce = OffersPkceChoice(current) ? RequirePkce : current.RequirePkce,
            FirstParty = OffersConsentChoice(current) ? !ThirdParty : current.FirstParty,
            RequirePushedAuthorizationRequests = RequirePushedAuthorizationRequests && CodeGrant,
            RequireDPoP = RequireDPoP,
            UserinfoSignedResponseAlg = SignedUserinfo ? UserInfoSigning.Algorithm : null,
            Jwks = keys.Value.Jwks,
            JwksUri = keys.Value.JwksUri,

            // The default is stored as no setting: "displayName" posted back changes nothing.
            GroupsClaim = ConsolePage.Trimmed(GroupsClaim) is { } groups && groups != GroupsClaimValue.DisplayName ? groups : null,
            Roles = OffersRoles(current) ? RoleLines(Roles) : current.Roles,
            BackchannelLogoutUri = ConsolePage.Trimmed(BackchannelLogoutUri),
            BackchannelLogoutSessionRequired = BackchannelLogoutSessionRequired,
            FrontchannelLogoutUri = ConsolePage.Trimmed(FrontchannelLogoutUri),
            FrontchannelLogoutSessionRequired = FrontchannelLogoutSessionRequired,
        };
    }

    private bool CodeGrant => GrantTypes.Contains(ClientGrantTypes.AuthorizationCode);

    private static Result<int?> Seconds(string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (int?)null;
        }

        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : Error.Invalid($"The {setting} is a whole number of seconds, or empty for the server's default.");
    }

    /// <summary>The keys posted for a confidential client: a client that signs with keys keeps some.</summary>
    private Result<(JsonElement? Jwks, string? JwksUri)> Keys(ClientDetails current)
    {
        var uri = ConsolePage.Trimmed(JwksUri);
        JsonElement? jwks = null;
        if (ConsolePage.Trimmed(Jwks) is { } text)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                jwks = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return Error.Invalid("The keys are a JSON Web Key Set: a JSON object with a \"keys\" array (RFC 7517 §5).");
            }
        }

        if (jwks is null && uri is null && (current.Jwks is not null || current.JwksUri is not null))
        {
            return Error.Invalid("A client that signs with keys keeps them: give a JSON Web Key Set or a JWKS URI (a client with a secret instead is added anew).");
        }

        return (jwks, uri);
    }

    /// <summary><see cref="Roles"/> read: each line's role (before the first '=') with its groups, in the order given.</summary>
    private static Dictionary<string, IReadOnlyList<string>> RoleLines(string? text)
    {
        var roles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var role = (equals < 0 ? line : line[..equals]).Trim();
            var groups = roles.TryGetValue(role, out var known) ? known : roles[role] = [];

            // A line without a group leaves its role with none, which the rules refuse by name.
            if (equals >= 0 && line[(equals + 1)..].Trim() is { Length: > 0 } group && !groups.Contains(group, StringComparer.Ordinal))
            {
                groups.Add(group);
            }
        }

        return roles.ToDictionary(role => role.Key, role => (IReadOnlyList<string>)role.Value, StringComparer.Ordinal);
    }
}
