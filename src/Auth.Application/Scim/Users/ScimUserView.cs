using Auth.Domain.Users;

namespace Auth.Application.Scim.Users;

/// <summary>A user with the groups it belongs to: what a SCIM User resource shows.</summary>
public sealed record ScimUserView(User User, IReadOnlyList<(string Id, string DisplayName)> Groups);
