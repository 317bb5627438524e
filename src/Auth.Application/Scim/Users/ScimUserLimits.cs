namespace Auth.Application.Scim.Users;

/// <summary>The longest value each stored attribute takes (the column sizes), so an over-long value is a 400, not a database error.</summary>
public static class ScimUserLimits
{
    public static string? FirstTooLong(ScimUserData data)
    {
        (string Name, string? Value, int Max)[] checks =
        [
            ("userName", data.UserName, 256), ("externalId", data.ExternalId, 256), ("password", data.Password, 1024),
            ("name.formatted", data.FormattedName, 512), ("name.familyName", data.FamilyName, 256), ("name.givenName", data.GivenName, 256),
            ("name.middleName", data.MiddleName, 256), ("name.honorificPrefix", data.HonorificPrefix, 64), ("name.honorificSuffix", data.HonorificSuffix, 64),
            ("displayName", data.DisplayName, 256), ("nickName", data.NickName, 256), ("profileUrl", data.ProfileUrl, 2048), ("title", data.Title, 256),
            ("userType", data.UserType, 128), ("preferredLanguage", data.PreferredLanguage, 64), ("locale", data.Locale, 64), ("timezone", data.Timezone, 64),
            ("employeeNumber", data.Enterprise.EmployeeNumber, 128), ("costCenter", data.Enterprise.CostCenter, 128),
            ("organization", data.Enterprise.Organization, 256), ("division", data.Enterprise.Division, 256), ("department", data.Enterprise.Department, 256),
            ("manager.value", data.Enterprise.ManagerId, 64), ("manager.displayName", data.Enterprise.ManagerDisplayName, 256),
        ];
        var tooLong = checks.FirstOrDefault(c => c.Value is { } value && value.Length > c.Max).Name;
        if (tooLong is not null)
        {
            return tooLong;
        }

        if (data.Emails.Any(e => e.Value.Length > 320 || e.Type?.Length > 64 || e.Display?.Length > 320))
        {
            return "emails";
        }

        if (data.PhoneNumbers.Any(p => p.Value.Length > 64 || p.Type?.Length > 64 || p.Display?.Length > 64))
        {
            return "phoneNumbers";
        }

        return data.Addresses.Any(a => a.Formatted?.Length > 1024 || a.StreetAddress?.Length > 512 || a.Locality?.Length > 256 ||
                                       a.Region?.Length > 256 || a.PostalCode?.Length > 64 || a.Country?.Length > 64 || a.Type?.Length > 64)
            ? "addresses"
            : null;
    }
}
