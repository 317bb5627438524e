using System.Linq.Expressions;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;
using Auth.Domain.Groups;

namespace Auth.Application.Scim.Query;

/// <summary>
/// Translates a SCIM filter on Groups into a predicate EF Core runs as SQL: <c>db.Groups.Where(predicate)</c>.
/// </summary>
/// <remarks>
/// Supported: id and externalId (case-exact), displayName (ignoring case), members / members.value (a member's user
/// id, case-exact), meta.created, meta.lastModified (RFC 7643 §4.2).
/// </remarks>
public static class GroupFilterTranslator
{
    private static readonly FilterTranslation<Group> Translation = new(new FilterSchema("Group",
    [
        (ScimSchemas.Group, new Dictionary<string, FilterAttribute>(FilterSchema.CommonAttributes<Group>(g => g.Id, g => g.ExternalId, g => g.CreatedAt, g => g.UpdatedAt), StringComparer.OrdinalIgnoreCase)
        {
            ["displayName"] = ScalarAttribute.CaseIgnored<Group>(g => g.DisplayName),
            ["members"] = MultiValuedAttribute.Of<Group, GroupMember>(
                g => g.Members,
                ("value", ScalarAttribute.CaseExact<GroupMember>(m => m.UserId))),
        }),
    ]));

    /// <summary>The predicate, or an <c>invalidFilter</c> error naming what cannot be filtered on.</summary>
    public static Result<Expression<Func<Group, bool>>> Translate(ScimFilter filter) => Translation.Translate(filter);
}
