using Auth.Application.Clients;
using Auth.Application.Groups;
using Mediator;
using OpenIddict.Abstractions;

namespace Auth.Api.OAuth;

/// <summary>
/// The directory's groups and the client's roles as claims. The names are those Microsoft Entra ID uses, so relying
/// parties written for it read them unchanged: <c>groups</c>, <c>hasgroups</c> when the limit left the groups out,
/// and <c>roles</c>.
/// </summary>
public static class DirectoryClaims
{
    public const string Groups = "groups";

    /// <summary>true when the user has more groups than OAuth:MaxGroupsInTokens, so the groups claim was left out.</summary>
    public const string HasGroups = "hasgroups";

    public const string Roles = "roles";

    /// <summary>The user's current groups and roles for a token to the client; the groups only when its scopes include groups.</summary>
    public static async Task<TokenMemberships> ReadAsync(
        ISender sender,
        IOpenIddictApplicationManager applications,
        OAuthOptions options,
        string userId,
        string clientId,
        bool includeGroups,
        CancellationToken cancellationToken)
    {
        // The client's setting only shapes the groups claim: without the groups scope it is not read at all.
        var groupsClaim = includeGroups ? await GroupsClaimOfAsync(applications, clientId, cancellationToken) : GroupsClaimValue.DisplayName;
        return await sender.Send(new GetTokenMemberships(userId, clientId, includeGroups, groupsClaim, options.MaxGroupsInTokens), cancellationToken);
    }

    private static async Task<string> GroupsClaimOfAsync(IOpenIddictApplicationManager applications, string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        var settings = application is null ? null : await applications.GetSettingsAsync(application, cancellationToken);
        return settings is not null && settings.TryGetValue(ClientSettings.GroupsClaim, out var value) ? value : GroupsClaimValue.DisplayName;
    }
}
