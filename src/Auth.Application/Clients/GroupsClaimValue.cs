namespace Auth.Application.Clients;

/// <summary>What a client's <c>groups</c> claim lists: the groups' displayNames (the default) or their ids.</summary>
public static class GroupsClaimValue
{
    public const string DisplayName = "displayName";

    public const string Id = "id";

    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal) { DisplayName, Id };
}
