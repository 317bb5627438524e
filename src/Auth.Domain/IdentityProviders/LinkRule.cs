namespace Auth.Domain.IdentityProviders;

/// <summary>How an upstream identity came to be linked to a local user; kept on the link for the audit log.</summary>
public enum LinkRule
{
    /// <summary>The user's externalId, set by the provider's own provisioning client, equals an upstream claim.</summary>
    ExternalId,

    /// <summary>The user's name equals an upstream claim, among the users the provider owns.</summary>
    UserName,

    /// <summary>A verified address on both sides, in a domain the provider owns.</summary>
    VerifiedEmail,

    /// <summary>No local user matched and the provider may create one.</summary>
    JustInTime,
}
