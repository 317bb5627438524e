using System.Globalization;
using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Domain.Users;

namespace Auth.Application.Scim.Users;

/// <summary>
/// The SCIM User representation (RFC 7643 §4.1 and §4.3): written from a user, and read back from what a client
/// sent. PATCH works on this representation, so it lives with the use cases rather than at the HTTP edge.
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
        AddIfPresent(json, "externalId", user.ExternalId);
        json["userName"] = user.UserName;
        var name = new JsonObject();
        AddIfPresent(name, "formatted", user.FormattedName);
        AddIfPresent(name, "familyName", user.FamilyName);
        AddIfPresent(name, "givenName", user.GivenName);
        AddIfPresent(name, "middleName", user.MiddleName);
        AddIfPresent(name, "honorificPrefix", user.HonorificPrefix);
        AddIfPresent(name, "honorificSuffix", user.HonorificSuffix);
        if (name.Count > 0)
        {
            json["name"] = name;
        }

        AddIfPresent(json, "displayName", user.DisplayName);
        AddIfPresent(json, "nickName", user.NickName);
        AddIfPresent(json, "profileUrl", user.ProfileUrl);
        AddIfPresent(json, "title", user.Title);
        AddIfPresent(json, "userType", user.UserType);
        AddIfPresent(json, "preferredLanguage", user.PreferredLanguage);
        AddIfPresent(json, "locale", user.Locale);
        AddIfPresent(json, "timezone", user.Timezone);
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

    public static Result<ScimUserData> Read(JsonObject json)
    {
        var reader = new ScimAttributeReader();
        var userName = reader.Text(json, "userName");
        var name = reader.Complex(json, "name");
        var enterprise = reader.Complex(json, ScimSchemas.EnterpriseUser);
        var manager = enterprise?.Get("manager");
        string? managerId = null;
        string? managerName = null;
        if (manager is JsonObject managerObject)
        {
            managerId = reader.Text(managerObject, "value");
            managerName = reader.Text(managerObject, "displayName");
        }
        else if (manager is not null && !ScimJson.TryReadString(manager, out managerId))
        {
            reader.Fail("manager");
        }

        var data = new ScimUserData
        {
            UserName = userName ?? string.Empty,
            Password = reader.Text(json, "password"),
            ExternalId = reader.Text(json, "externalId"),
            FormattedName = name is null ? null : reader.Text(name, "formatted"),
            FamilyName = name is null ? null : reader.Text(name, "familyName"),
            GivenName = name is null ? null : reader.Text(name, "givenName"),
            MiddleName = name is null ? null : reader.Text(name, "middleName"),
            HonorificPrefix = name is null ? null : reader.Text(name, "honorificPrefix"),
            HonorificSuffix = name is null ? null : reader.Text(name, "honorificSuffix"),
            DisplayName = reader.Text(json, "displayName"),
            NickName = reader.Text(json, "nickName"),
            ProfileUrl = reader.Text(json, "profileUrl"),
            Title = reader.Text(json, "title"),
            UserType = reader.Text(json, "userType"),
            PreferredLanguage = reader.Text(json, "preferredLanguage"),
            Locale = reader.Text(json, "locale"),
            Timezone = reader.Text(json, "timezone"),
            Active = reader.Boolean(json, "active"),
            Emails = reader.MultiValued(json, "emails", e => new UserEmail(e.Value, e.Type, e.Primary, e.Display)),
            PhoneNumbers = reader.MultiValued(json, "phoneNumbers", p => new UserPhoneNumber(p.Value, p.Type, p.Primary, p.Display)),
            Addresses = reader.Addresses(json),
            Enterprise = enterprise is null ? new EnterpriseProfile() : new EnterpriseProfile
            {
                EmployeeNumber = reader.Text(enterprise, "employeeNumber"),
                CostCenter = reader.Text(enterprise, "costCenter"),
                Organization = reader.Text(enterprise, "organization"),
                Division = reader.Text(enterprise, "division"),
                Department = reader.Text(enterprise, "department"),
                ManagerId = string.IsNullOrEmpty(managerId) ? null : managerId,
                ManagerDisplayName = managerName,
            },
        };

        if (reader.Error is { } error)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(data.UserName))
        {
            return ScimErrors.InvalidValue("userName is required.");
        }

        // Look-alike spellings of one name are one name: stored and compared in canonical form.
        return UserNameRule.Problem(data.UserName) is { } problem
            ? ScimErrors.InvalidValue(problem)
            : data with { UserName = UserNameRule.Canonical(data.UserName) };
    }

    private static bool HasEnterprise(EnterpriseProfile e) =>
        e.EmployeeNumber is not null || e.CostCenter is not null || e.Organization is not null || e.Division is not null ||
        e.Department is not null || e.ManagerId is not null;

    private static JsonObject Enterprise(EnterpriseProfile e)
    {
        var json = new JsonObject();
        AddIfPresent(json, "employeeNumber", e.EmployeeNumber);
        AddIfPresent(json, "costCenter", e.CostCenter);
        AddIfPresent(json, "organization", e.Organization);
        AddIfPresent(json, "division", e.Division);
        AddIfPresent(json, "department", e.Department);
        if (e.ManagerId is not null)
        {
            var manager = new JsonObject { ["value"] = e.ManagerId };
            AddIfPresent(manager, "displayName", e.ManagerDisplayName);
            json["manager"] = manager;
        }

        return json;
    }

    private static JsonObject MultiValue(string value, string? type, bool primary, string? display)
    {
        var json = new JsonObject { ["value"] = value };
        AddIfPresent(json, "type", type);
        if (primary)
        {
            json["primary"] = true;
        }

        AddIfPresent(json, "display", display);
        return json;
    }

    private static JsonObject Address(UserAddress a)
    {
        var json = new JsonObject();
        AddIfPresent(json, "formatted", a.Formatted);
        AddIfPresent(json, "streetAddress", a.StreetAddress);
        AddIfPresent(json, "locality", a.Locality);
        AddIfPresent(json, "region", a.Region);
        AddIfPresent(json, "postalCode", a.PostalCode);
        AddIfPresent(json, "country", a.Country);
        AddIfPresent(json, "type", a.Type);
        if (a.Primary)
        {
            json["primary"] = true;
        }

        return json;
    }

    public static void AddIfPresent(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}

/// <summary>The meta attribute (RFC 7643 §3.1) and weak ETags built from a resource's version (RFC 7644 §3.14).</summary>
public static class ScimMeta
{
    public static string ETag(long version) => "W/\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static JsonObject Write(string resourceType, DateTimeOffset created, DateTimeOffset lastModified, long version, string location) => new()
    {
        ["resourceType"] = resourceType,
        ["created"] = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["lastModified"] = lastModified.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["location"] = location,
        ["version"] = ETag(version),
    };
}
