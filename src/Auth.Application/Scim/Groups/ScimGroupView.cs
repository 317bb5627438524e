using Auth.Domain.Groups;

namespace Auth.Application.Scim.Groups;

/// <summary>A group with its members' names: what a SCIM Group resource shows.</summary>
public sealed record ScimGroupView(Group Group, IReadOnlyList<(string Id, string Display)> Members);
