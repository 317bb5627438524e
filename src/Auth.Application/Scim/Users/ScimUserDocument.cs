using System.Text.Json.Nodes;
using Auth.Domain.Users;

namespace Auth.Application.Scim.Users;

/// <summary>
/// The SCIM User representation (RFC 7643 §4.1 and §4.3) written from a user; <see cref="ScimUserData.Read"/> reads
/// one back. PATCH works on this representation, so it lives with the use cases rather than at the HTTP edge.
/// </summary>
public static class ScimUserDocument
{
    public static JsonObject Write(User user, IReadOnlyList<(string Id, string DisplayName)> groups, string location)
    {
        var json = new JsonObject
        {
            ["schemas"] = HasEnterprise(user.Enterprise) ? new JsonArray(ScimSchemas.User, ScimSchemas.EnterpriseUser) : new JsonArray(ScimSchemas.User),
            ["id"] = user.Id,
        };
        json.AddIfPresent("externalId", user.ExternalId);
        json["userName"] = user.UserName;
        var name = new JsonObject();
        name.AddIfPresent("formatted", user.FormattedName);
        name.AddIfPresent("familyName", user.FamilyName);
        name.AddIfPresent("givenName", user.GivenName);
        name.AddIfPresent("middleName", user.MiddleName);
        name.AddIfPresent("honorificPrefix", user.HonorificPrefix);
        name.AddIfPresent("honorificSuffix", user.HonorificSuffix);
        if (name.Count > 0)
        {
            json["name"] = name;
        }

        json.AddIfPresent("displayName", user.DisplayName);
        json.AddIfPresent("nickName", user.NickName);
        json.AddIfPresent("profileUrl", user.ProfileUrl);
        json.AddIfPresent("title", user.Title);
        json.AddIfPresent("userType", user.UserType);
        json.AddIfPresent("preferredLanguage", user.PreferredLanguage);
        json.AddIfPresent("locale", user.Locale);
        json.AddIfPresent("timezone", user.Timezone);
        json["active"] = user.IsActive;
        if (user.Emails.Count > 0)
        {
            json["emails"] = new JsonArray([.. user.Emails.Select(e => (JsonNode)MultiValue(e.Value, e.Type, e.Primary, e.Display))]);
        }

        if (user.PhoneNumbers.Count > 0)
        {
            json["phoneNumbers"] = new JsonArray([.. user.PhoneNumbers.Select(p => (JsonNode)MultiValue(p.Value, p.Type, p.Primary, p.Display))]);
        }

        if (user.Addresses.Count > 0)
        {
            json["addresses"] = new JsonArray([.. user.Addresses.Select(a => (JsonNode)Address(a))]);
        }

        if (groups.Count > 0)
        {
            json["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["value"] = g.Id, ["display"] = g.DisplayName, ["type"] = "direct" })]);
        }

        if (HasEnterprise(user.Enterprise))
        {
            json[ScimSchemas.EnterpriseUser] = Enterprise(user.Enterprise);
        }

        json["meta"] = ScimMeta.Write("User", user.CreatedAt, user.UpdatedAt, user.Version, location);
        return json;
    }

    private static bool HasEnterprise(EnterpriseProfile e) =>
        e.EmployeeNumber is not null || e.CostCenter is not null || e.Organization is not null || e.Division is not null ||
        e.Department is not null || e.ManagerId is not null;

    private static JsonObject Enterprise(EnterpriseProfile e)
    {
        var json = new JsonObject();
        json.AddIfPresent("employeeNumber", e.EmployeeNumber);
        json.AddIfPresent("costCenter", e.CostCenter);
        json.AddIfPresent("organization", e.Organization);
        json.AddIfPresent("division", e.Division);
        json.AddIfPresent("department", e.Department);
        if (e.ManagerId is not null)
        {
            var manager = new JsonObject { ["value"] = e.ManagerId };
            manager.AddIfPresent("displayName", e.ManagerDisplayName);
            json["manager"] = manager;
        }

        return json;
    }

    private static JsonObject MultiValue(string value, string? type, bool primary, string? display)
    {
        var json = new JsonObject { ["value"] = value };
        json.AddIfPresent("type", type);
        if (primary)
        {
            json["primary"] = true;
        }

        json.AddIfPresent("display", display);
        return json;
    }

    private static JsonObject Address(UserAddress a)
    {
        var json = new JsonObject();
        json.AddIfPresent("formatted", a.Formatted);
        json.AddIfPresent("streetAddress", a.StreetAddress);
        json.AddIfPresent("locality", a.Locality);
        json.AddIfPresent("region", a.Region);
        json.AddIfPresent("postalCode", a.PostalCode);
        json.AddIfPresent("country", a.Country);
        json.AddIfPresent("type", a.Type);
        if (a.Primary)
        {
            json["primary"] = true;
        }

        return json;
    }
}
