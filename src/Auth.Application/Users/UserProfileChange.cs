namespace Auth.Application.Users;

/// <summary>
/// A user's profile as an operator states it in full (<see cref="UpdateUser"/>): a field left out is cleared. The user
/// name, the password and the state have their own use cases.
/// </summary>
public sealed record UserProfileChange
{
    public string? DisplayName { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? Email { get; init; }

    /// <summary>The operator vouches for the address: the <c>email_verified</c> claim says true.</summary>
    public bool EmailVerified { get; init; }
}
