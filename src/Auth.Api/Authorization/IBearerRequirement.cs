using Microsoft.AspNetCore.Authorization;

namespace Auth.Api.Authorization;

/// <summary>A requirement of an <see cref="ApiPolicies"/> policy on a valid access token, and the answer when a token falls short of it.</summary>
public interface IBearerRequirement : IAuthorizationRequirement
{
    BearerRefusal RefusalIn(BearerApi api);
}
