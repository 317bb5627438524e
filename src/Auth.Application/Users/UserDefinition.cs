namespace Auth.Application.Users;

/// <summary>A user as the seed file or the command line states it.</summary>
public sealed record UserDefinition
{
    public required string UserName { get; init; }

    public string? Password { get; init; }

    public string? DisplayName { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? Email { get; init; }

    /// <summary>Whoever states the user vouches for the address: the <c>email_verified</c> claim says true.</summary>
    public bool EmailVerified { get; init; }

    public bool Active { get; init; } = true;

    /// <summary>The service's own roles the user holds (<see cref="Domain.Users.UserRoles"/>); null leaves them as they are.</summary>
    public IReadOnlyList<string>? Roles { get; init; }
}
