using Microsoft.AspNetCore.Authorization;
using OpenIddict.Abstractions;

namespace Auth.Api.Authorization;

/// <summary>
/// The token carries <see cref="Scope"/> (or <see cref="OrScope"/>, a broader scope still accepted); otherwise 403
/// insufficient_scope naming <see cref="Scope"/> (RFC 6750 §3.1). With an exclusive audience the token must also be
/// addressed to that audience alone (<c>aud</c> is exactly it), so a token issued for another API as well, or one a
/// resource server received and passes on, does not work here.
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
        if ((context.User.HasScope(requirement.Scope) || (requirement.OrScope is { } broader && context.User.HasScope(broader))) &&
            (requirement.ExclusiveAudience is not { } audience || (audiences.Length > 0 && audiences.All(a => a == audience))))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
