using System.Linq.Expressions;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;
using Auth.Domain.Users;

namespace Auth.Application.Scim.Query;

/// <summary>
/// Translates a SCIM filter on Users into a predicate EF Core runs as SQL: <c>db.Users.Where(predicate)</c>.
/// </summary>
/// <remarks>
/// Supported: the core attributes id, externalId, userName, displayName, nickName, profileUrl, title, userType,
/// preferredLanguage, locale, timezone, name.* , active, emails (value, type, primary, display), phoneNumbers
/// (value, type, primary, display), meta.created, meta.lastModified; the Enterprise User attributes employeeNumber,
/// costCenter, organization, division, department, manager.value, manager.displayName. id, externalId and
/// manager.value compare case-exactly; every other string ignores case (RFC 7643 §4.1, §4.3).
/// </remarks>
public static class UserFilterTranslator
{
    private static readonly FilterTranslation<User> Translation = new(new FilterSchema("User",
    [
        (ScimSchemas.User, new Dictionary<string, FilterAttribute>(FilterSchema.CommonAttributes<User>(u => u.Id, u => u.ExternalId, u => u.CreatedAt, u => u.UpdatedAt), StringComparer.OrdinalIgnoreCase)
        {

            // The unique index on NormalizedUserName serves eq and sw; look-alike spellings find the same user.
            ["userName"] = ScalarAttribute.UserName<User>(u => u.NormalizedUserName),
            ["displayName"] = ScalarAttribute.CaseIgnored<User>(u => u.DisplayName),
            ["nickName"] = ScalarAttribute.CaseIgnored<User>(u => u.NickName),
            ["profileUrl"] = ScalarAttribute.CaseIgnored<User>(u => u.ProfileUrl),
            ["title"] = ScalarAttribute.CaseIgnored<User>(u => u.Title),
            ["userType"] = ScalarAttribute.CaseIgnored<User>(u => u.UserType),
            ["preferredLanguage"] = ScalarAttribute.CaseIgnored<User>(u => u.PreferredLanguage),
            ["locale"] = ScalarAttribute.CaseIgnored<User>(u => u.Locale),
            ["timezone"] = ScalarAttribute.CaseIgnored<User>(u => u.Timezone),
            ["name.givenName"] = ScalarAttribute.CaseIgnored<User>(u => u.GivenName),
            ["name.familyName"] = ScalarAttribute.CaseIgnored<User>(u => u.FamilyName),
            ["name.formatted"] = ScalarAttribute.CaseIgnored<User>(u => u.FormattedName),
            ["name.middleName"] = ScalarAttribute.CaseIgnored<User>(u => u.MiddleName),
            ["name.honorificPrefix"] = ScalarAttribute.CaseIgnored<User>(u => u.HonorificPrefix),
            ["name.honorificSuffix"] = ScalarAttribute.CaseIgnored<User>(u => u.HonorificSuffix),
            ["active"] = ScalarAttribute.Boolean<User>(u => u.IsActive),
            ["emails"] = MultiValuedAttribute.Of<User, UserEmail>(
                u => u.Emails,
                ("value", ScalarAttribute.Normalized<UserEmail>(e => e.NormalizedValue)),
                ("type", ScalarAttribute.CaseIgnored<UserEmail>(e => e.Type)),
                ("primary", ScalarAttribute.Boolean<UserEmail>(e => e.Primary)),
                ("display", ScalarAttribute.CaseIgnored<UserEmail>(e => e.Display))),
            ["phoneNumbers"] = MultiValuedAttribute.Of<User, UserPhoneNumber>(
                u => u.PhoneNumbers,
                ("value", ScalarAttribute.CaseIgnored<UserPhoneNumber>(p => p.Value)),
                ("type", ScalarAttribute.CaseIgnored<UserPhoneNumber>(p => p.Type)),
                ("primary", ScalarAttribute.Boolean<UserPhoneNumber>(p => p.Primary)),
                ("display", ScalarAttribute.CaseIgnored<UserPhoneNumber>(p => p.Display))),
        }),
        (ScimSchemas.EnterpriseUser, new Dictionary<string, FilterAttribute>(StringComparer.OrdinalIgnoreCase)
        {
            ["employeeNumber"] = ScalarAttribute.CaseIgnored<User>(u => u.Enterprise.EmployeeNumber),
            ["costCenter"] = ScalarAttribute.CaseIgnored<User>(u => u.Enterprise.CostCenter),
            ["organization"] = ScalarAttribute.CaseIgnored<User>(u => u.Enterprise.Organization),
            ["division"] = ScalarAttribute.CaseIgnored<User>(u => u.Enterprise.Division),
            ["department"] = ScalarAttribute.CaseIgnored<User>(u => u.Enterprise.Department),
            ["manager.value"] = ScalarAttribute.CaseExact<User>(u => u.Enterprise.ManagerId),
            ["manager.displayName"] = ScalarAttribute.CaseIgnored<User>(u => u.Enterprise.ManagerDisplayName),
        }),
    ]));

    /// <summary>The predicate, or an <c>invalidFilter</c> error naming what cannot be filtered on.</summary>
    public static Result<Expression<Func<User, bool>>> Translate(ScimFilter filter) => Translation.Translate(filter);
}
