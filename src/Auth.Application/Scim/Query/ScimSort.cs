using System.Linq.Expressions;
using Auth.Application.Results;
using Auth.Domain.Groups;
using Auth.Domain.Users;

namespace Auth.Application.Scim.Query;

/// <summary>
/// The order of a SCIM list (RFC 7644 §3.4.2.3 sortBy, sortOrder) as a function EF Core translates to ORDER BY.
/// Every order ends with the resource id, so pages of a list taken one after another neither repeat nor skip a
/// resource that sorts level with another (Okta and Entra ID page through users with startIndex and count). An order
/// by a unique key (a user's userName or id, a group's id) is already total and gets no id after it.
/// </summary>
/// <remarks>
/// Without sortBy, users come by userName (its normalized, unique, indexed column) and groups by displayName as
/// stored (indexed), each then by id. sortOrder applies to that default order too. Strings that ignore case sort by
/// their upper-cased form. Resources without a value sort last ascending and first descending (RFC 7644 §3.4.2.3),
/// on SQLite and PostgreSQL alike, although the two place NULL differently by themselves.
/// </remarks>
public static class ScimSort
{
    private delegate IOrderedQueryable<T> Ordering<T>(IQueryable<T> source, bool descending);

    private static readonly Dictionary<string, Ordering<User>> UserKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["userName"] = By<User, string>(u => u.NormalizedUserName),
        ["displayName"] = NullsLast<User>(u => u.DisplayName == null ? null : u.DisplayName.ToUpper()),
        ["name.familyName"] = NullsLast<User>(u => u.FamilyName == null ? null : u.FamilyName.ToUpper()),
        ["name.givenName"] = NullsLast<User>(u => u.GivenName == null ? null : u.GivenName.ToUpper()),

        // A multi-valued attribute sorts by its primary value (RFC 7644 §3.4.2.3); without one, by the first address.
        ["emails"] = NullsLast(PrimaryEmail),
        ["emails.value"] = NullsLast(PrimaryEmail),
        ["meta.created"] = By<User, DateTimeOffset>(u => u.CreatedAt),
        ["meta.lastModified"] = By<User, DateTimeOffset>(u => u.UpdatedAt),
        ["id"] = By<User, string>(u => u.Id),
        ["externalId"] = NullsLast<User>(u => u.ExternalId),
    };

    private static readonly Dictionary<string, Ordering<Group>> GroupKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["displayName"] = By<Group, string>(g => g.DisplayName.ToUpper()),
        ["meta.created"] = By<Group, DateTimeOffset>(g => g.CreatedAt),
        ["meta.lastModified"] = By<Group, DateTimeOffset>(g => g.UpdatedAt),
        ["id"] = By<Group, string>(g => g.Id),
        ["externalId"] = NullsLast<Group>(g => g.ExternalId),
    };

    // Ordering by userName then id, PostgreSQL can answer a userName eq lookup by walking the primary key in id order
    // and filtering; it does whenever it takes the Users table for a single row, as it does before the table's first
    // ANALYZE (after a bulk load or a restore), and then reads every user (issue #15).
    private static readonly HashSet<string> UniqueUserKeys = new(StringComparer.OrdinalIgnoreCase) { "userName", "id" };

    private static readonly HashSet<string> UniqueGroupKeys = new(StringComparer.OrdinalIgnoreCase) { "id" };

    private static Expression<Func<User, string?>> PrimaryEmail =>
        u => u.Emails.Where(e => e.Primary).Select(e => e.NormalizedValue).FirstOrDefault()
            ?? u.Emails.Min(e => e.NormalizedValue);

    /// <summary>The order for a list of users, or an <c>invalidValue</c> error for an unknown sortBy or sortOrder.</summary>
    public static Result<Func<IQueryable<User>, IOrderedQueryable<User>>> ForUsers(string? sortBy, string? sortOrder) =>
        Build(sortBy, sortOrder, ScimSchemas.User, UserKeys, UniqueUserKeys, (UserKeys["userName"], Unique: true), u => u.Id);

    /// <summary>The order for a list of groups, or an <c>invalidValue</c> error for an unknown sortBy or sortOrder.</summary>
    public static Result<Func<IQueryable<Group>, IOrderedQueryable<Group>>> ForGroups(string? sortBy, string? sortOrder) =>
        Build(sortBy, sortOrder, ScimSchemas.Group, GroupKeys, UniqueGroupKeys, (By<Group, string>(g => g.DisplayName), Unique: false), g => g.Id);

    private static Result<Func<IQueryable<T>, IOrderedQueryable<T>>> Build<T>(
        string? sortBy,
        string? sortOrder,
        string schemaUrn,
        Dictionary<string, Ordering<T>> keys,
        HashSet<string> uniqueKeys,
        (Ordering<T> Ordering, bool Unique) defaultOrder,
        Expression<Func<T, string>> id)
    {
        bool descending;
        if (string.IsNullOrWhiteSpace(sortOrder) || sortOrder.Equals("ascending", StringComparison.OrdinalIgnoreCase))
            descending = false;
        else if (sortOrder.Equals("descending", StringComparison.OrdinalIgnoreCase))
            descending = true;
        else
            return ScimErrors.InvalidValue("sortOrder must be \"ascending\" or \"descending\".");

        var (ordering, unique) = defaultOrder;
        if (!string.IsNullOrWhiteSpace(sortBy))
        {
            // RFC 7644 §3.10: the name may be qualified by its schema URN.
            var name = sortBy.Trim();
            var colon = name.LastIndexOf(':');
            var qualifiedByOtherSchema = colon >= 0 && !name[..colon].Equals(schemaUrn, StringComparison.OrdinalIgnoreCase);
            if (qualifiedByOtherSchema || !keys.TryGetValue(name[(colon + 1)..], out ordering))
            {
                return ScimErrors.InvalidValue(
                    $"Cannot sort by '{ScimErrors.Truncate(name)}'; sortBy may be one of {string.Join(", ", keys.Keys)}.");
            }

            unique = uniqueKeys.Contains(name[(colon + 1)..]);
        }

        return (Func<IQueryable<T>, IOrderedQueryable<T>>)(source =>
        {
            var ordered = ordering(source, descending);
            if (unique)
                return ordered;
            return descending ? ordered.ThenByDescending(id) : ordered.ThenBy(id);
        });
    }

    private static Ordering<T> By<T, TKey>(Expression<Func<T, TKey>> key) =>
        (source, descending) => descending ? source.OrderByDescending(key) : source.OrderBy(key);

    // Ordering by "is null" first places missing values the same way on every database.
    private static Ordering<T> NullsLast<T>(Expression<Func<T, string?>> key)
    {
        var isNull = Expression.Lambda<Func<T, bool>>(Expression.Equal(key.Body, Expression.Constant(null, typeof(string))), key.Parameters);
        return (source, descending) => descending
            ? source.OrderByDescending(isNull).ThenByDescending(key)
            : source.OrderBy(isNull).ThenBy(key);
    }
}
