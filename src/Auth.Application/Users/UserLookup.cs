using Auth.Domain.Users;

namespace Auth.Application.Users;

public static class UserLookup
{
    /// <summary>The user with this user name, compared case-insensitively through the indexed normalized form.</summary>
    public static IQueryable<User> Named(this IQueryable<User> users, string userName)
    {
        var normalized = User.Normalize(userName);
        return users.Where(u => u.NormalizedUserName == normalized);
    }

    /// <summary>The user the key names, by id or by user name.</summary>
    public static IQueryable<User> Matching(this IQueryable<User> users, UserKey key) =>
        key.IsId ? users.Where(u => u.Id == key.Value) : users.Named(key.Value);
}
