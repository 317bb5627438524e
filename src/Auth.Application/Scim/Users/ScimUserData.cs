using Auth.Domain.Users;

namespace Auth.Application.Scim.Users;

/// <summary>A User resource as a client sent it (POST, PUT, or the result of a PATCH), checked and typed.</summary>
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
}
