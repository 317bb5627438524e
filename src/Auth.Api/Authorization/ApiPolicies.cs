using Auth.Application.Admin;
using Auth.Application.Mfa;
using Microsoft.AspNetCore.Authorization;
using OpenIddict.Validation.AspNetCore;

namespace Auth.Api.Authorization;

/// <summary>
/// Who may call the service's own APIs: one authorization policy per API (and one for the MFA endpoints that change
/// the second factor). Each takes a Bearer access token from the Authorization header, validated by OpenIddict
/// (signature, lifetime, and its database entry, so a revoked token or a deactivated user's stops at once), and
/// lists what the token must carry, in the order a refusal names the first that is missing.
/// <see cref="AuthorizationRefusals"/> answers every refused request.
/// </summary>
public static class ApiPolicies
{
    /// <summary>/scim/v2: a token with the scim scope, usually a provisioning client's own.</summary>
    public const string Scim = "scim";

    /// <summary>/admin/audit: a token with the admin scope (registered by the seed and granted to a client).</summary>
    public const string Admin = "admin";

    /// <summary>
    /// /admin/v1: one policy per admin scope, named after it (<see cref="AdminScopes"/>): a client's own token with that
    /// scope, or, for one release, with the old <see cref="AdminScopes.Everything"/> scope; never a user's.
    /// </summary>
    public static IReadOnlySet<string> AdminV1 => AdminScopes.Names;

    /// <summary>/mfa/totp: a user's token with the mfa scope, addressed to the MFA API alone.</summary>
    public const string Mfa = "mfa";

    /// <summary>Changes to the second factor: as <see cref="Mfa"/>, from a sign-in within Mfa:RecentSignInWindow (RFC 9470).</summary>
    public const string MfaRecentSignIn = "mfa.recent-sign-in";

    public const string ScimScope = "scim";

    public const string AdminScope = "admin";

    public static IServiceCollection AddApiAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<RecentSignIn>();
        services.AddSingleton<IAuthorizationHandler>(provider => provider.GetRequiredService<RecentSignIn>());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationRefusals>();
        var policies = services.AddAuthorizationBuilder();
        foreach (var scope in AdminScopes.Names)
        {
            policies.AddPolicy(scope, policy => BearerToken(policy, BearerApi.AdminV1)
                .AddRequirements(new ClientTokenRequirement(), new ScopeRequirement(scope, orScope: AdminScopes.Everything,
                    exclusiveAudience: AdminScopes.Resource,
                    refusal: $"The access token must carry the {scope} scope and be issued for the admin API alone; request admin scopes without other APIs' scopes.")));
        }

        policies
            .AddPolicy(Scim, policy => BearerToken(policy, BearerApi.Scim).AddRequirements(new ScopeRequirement(ScimScope)))
            .AddPolicy(Admin, policy => BearerToken(policy, BearerApi.Admin).AddRequirements(new ScopeRequirement(AdminScope)))
            .AddPolicy(Mfa, policy => MfaToken(policy))
            .AddPolicy(MfaRecentSignIn, policy => MfaToken(policy).AddRequirements(new RecentSignInRequirement()));
        return services;
    }

    private static AuthorizationPolicyBuilder BearerToken(AuthorizationPolicyBuilder policy, BearerApi api) =>
        policy.AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme).AddRequirements(new BearerTokenRequirement(api));

    // A user's token first, so a client's own token is told it belongs to a client rather than that it lacks a scope.
    private static AuthorizationPolicyBuilder MfaToken(AuthorizationPolicyBuilder policy) =>
        BearerToken(policy, BearerApi.Mfa).AddRequirements(
            new UserTokenRequirement(),
            new ScopeRequirement(MfaScope.Name, exclusiveAudience: MfaScope.Resource,
                refusal: $"The access token must carry the {MfaScope.Name} scope and be issued for the MFA API alone; request the {MfaScope.Name} scope on its own."));
}
