using Microsoft.AspNetCore.Authorization;
using OpenIddict.Abstractions;

namespace Auth.Api.Authorization;

/// <summary>
/// The token carries <see cref="Scope"/> (or <see cref="OrScope"/>, a broader scope still accepted); otherwise 403
/// insufficient_scope naming <see cref="Scope"/> (RFC 6750 §3.1). With an exclusive audience a token accepted for
/// <see cref="Scope"/> must also be addressed to that audience alone (<c>aud</c> is exactly it), so a token issued for
/// another API as well, which that API could replay here, does not work. <see cref="OrScope"/> is the deprecated
/// <c>admin</c> scope, accepted as before (its audience is the deployment's) until it is removed.
/// </summary>
/// <param name="refusal">The refusal's description; by default it names the scope.</param>
public sealed class ScopeRequirement(string scope, string? refusal = null, string? exclusiveAudience = null, string? orScope = null)
    : AuthorizationHandler<ScopeRequirement>, IBearerRequirement
{
    public string Scope => scope;

    public string? ExclusiveAudience => exclusiveAudience;

    public string? OrScope => orScope;

    public BearerRefusal RefusalIn(BearerApi api) =>
        BearerRefusal.InsufficientScope(api, scope, refusal ?? $"The access token does not have the {scope} scope.");

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var audiences = context.User.GetAudiences();
        var addressed = requirement.ExclusiveAudience is not { } audience || (audiences.Length > 0 && audiences.All(a => a == audience));
        if ((context.User.HasScope(requirement.Scope) && addressed) || (requirement.OrScope is { } broader && context.User.HasScope(broader)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
