using Auth.Application.Clients;
using Auth.Application.Mfa;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Pages;

/// <summary>What a scope lets an application do, in the words the consent and device pages show.</summary>
public static class ScopeDescriptions
{
    public static async Task<string> DescribeAsync(IOpenIddictScopeManager scopeManager, string scope, CancellationToken cancellationToken) => scope switch
    {
        Scopes.OpenId => "Know who you are",
        Scopes.Profile => "See your name and user name",
        Scopes.Email => "See your e-mail address",
        Scopes.OfflineAccess => "Keep access while you are away",
        StandardScopes.Groups => "See the groups you belong to",
        MfaScope.Name => MfaScope.ConsentText,
        _ => await scopeManager.FindByNameAsync(scope, cancellationToken) is { } registered
            ? await scopeManager.GetLocalizedDisplayNameAsync(registered, cancellationToken) ?? scope
            : scope,
    };

    public static async Task<IReadOnlyList<string>> DescribeAllAsync(IOpenIddictScopeManager scopeManager, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var descriptions = new List<string>();
        foreach (var scope in scopes)
        {
            descriptions.Add(await DescribeAsync(scopeManager, scope, cancellationToken));
        }

        return descriptions;
    }
}
