namespace Auth.Domain.Users;

/// <summary>
/// The roles a user can hold in this service itself (not an application's roles, which come from groups). One today:
/// <see cref="Administrator"/>, the admin console's.
/// </summary>
public static class UserRoles
{
    public const string Administrator = "admin";

    public static readonly IReadOnlyList<string> All = [Administrator];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    public static IReadOnlyList<string> Of(bool isAdministrator) => isAdministrator ? [Administrator] : [];
}
