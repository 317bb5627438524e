using System.Text.Json.Nodes;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Users;

namespace Auth.Application.Scim.Users;

/// <summary>
/// A User resource as a client sent it (POST, PUT, or the result of a PATCH): read from its JSON, checked and typed,
/// and what it sets on a user.
/// </summary>
public sealed record ScimUserData
{
    public required string UserName { get; init; }

    /// <summary>Write-only (RFC 7643 §4.1.1): set when given, never returned; null keeps the current password.</summary>
    public string? Password { get; init; }

    public string? ExternalId { get; init; }

    public string? FormattedName { get; init; }

    public string? FamilyName { get; init; }

    public string? GivenName { get; init; }

    public string? MiddleName { get; init; }

    public string? HonorificPrefix { get; init; }

    public string? HonorificSuffix { get; init; }

    public string? DisplayName { get; init; }

    public string? NickName { get; init; }

    public string? ProfileUrl { get; init; }

    public string? Title { get; init; }

    public string? UserType { get; init; }

    public string? PreferredLanguage { get; init; }

    public string? Locale { get; init; }

    public string? Timezone { get; init; }

    /// <summary>Null when the resource did not say: a new user is active, an existing one keeps its state.</summary>
    public bool? Active { get; init; }

    public IReadOnlyList<UserEmail> Emails { get; init; } = [];

    public IReadOnlyList<UserPhoneNumber> PhoneNumbers { get; init; } = [];

    public IReadOnlyList<UserAddress> Addresses { get; init; } = [];

    public EnterpriseProfile Enterprise { get; init; } = new();

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

    /// <summary>Sets what the resource says on the user: a password hashed, and active as the user's state.</summary>
    public void ApplyTo(User user, string clientId, IPasswordHasher hasher, DateTimeOffset now)
    {
        if (user.UserName != UserName)
        {
            user.Rename(UserName, now);
        }

        user.SetExternalId(ExternalId, clientId);
        user.FormattedName = FormattedName;
        user.FamilyName = FamilyName;
        user.GivenName = GivenName;
        user.MiddleName = MiddleName;
        user.HonorificPrefix = HonorificPrefix;
        user.HonorificSuffix = HonorificSuffix;
        user.DisplayName = DisplayName;
        user.NickName = NickName;
        user.ProfileUrl = ProfileUrl;
        user.Title = Title;
        user.UserType = UserType;
        user.PreferredLanguage = PreferredLanguage;
        user.Locale = Locale;
        user.Timezone = Timezone;
        user.ReplaceEmails(Emails, verified: true);
        user.ReplacePhoneNumbers(PhoneNumbers);
        user.ReplaceAddresses(Addresses);
        user.Enterprise = Enterprise;
        if (Password is { } password)
        {
            user.SetPasswordHash(hasher.Hash(password), now);
        }

        if (Active is { } active && user.IsActive != active)
        {
            if (active)
            {
                user.Activate(now);
            }
            else
            {
                user.Deactivate(now);
            }
        }

        user.Touch(now);
    }
}
