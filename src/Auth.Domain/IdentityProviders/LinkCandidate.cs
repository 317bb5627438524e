namespace Auth.Domain.IdentityProviders;

/// <summary>A local user a linking rule found, with the facts the policy decides on.</summary>
/// <param name="Emails">The user's addresses.</param>
/// <param name="LinkedToThisProvider">Whether another identity of the same provider is linked to the user.</param>
/// <param name="LinkedToAnotherProvider">Whether an identity of another provider is linked to the user.</param>
public sealed record LinkCandidate(
    string UserId,
    string UserName,
    bool IsActive,
    string? ExternalId,
    string? ExternalIdIssuer,
    bool EmailVerified,
    IReadOnlyList<string> Emails,
    bool LinkedToThisProvider,
    bool LinkedToAnotherProvider);
