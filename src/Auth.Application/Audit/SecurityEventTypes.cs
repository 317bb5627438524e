namespace Auth.Application.Audit;

/// <summary>The audit log's event types: a closed list, so they can be metric labels and filters.</summary>
public static class SecurityEventTypes
{
    public const string SignIn = "sign_in";
    public const string MfaEnrolled = "mfa.enrolled";
    public const string MfaVerified = "mfa.verified";
    public const string MfaRemoved = "mfa.removed";
    public const string MfaReset = "mfa.reset";
    public const string RecoveryCodesRegenerated = "mfa.recovery_codes_regenerated";
    public const string TokenIssued = "token.issued";
    public const string TokenRevoked = "token.revoked";

    /// <summary>A token exchange (RFC 8693): the detail names the subject token's client, the actor and the scope.</summary>
    public const string TokenExchanged = "token.exchanged";
    public const string RefreshTokenReuse = "token.refresh_reuse_detected";
    public const string ClientRegistered = "client.registered";
    public const string ClientRemoved = "client.removed";
    public const string ClientSecretRotated = "client.secret_rotated";
    public const string ProvisioningTokenMinted = "client.token_minted";
    public const string SigningKeyRotated = "key.rotated";
    public const string UserRegistered = "user.registered";
    public const string UserUpdated = "user.updated";
    public const string UserDeleted = "user.deleted";
    public const string UserDeactivated = "user.deactivated";
    public const string UserEnabled = "user.enabled";
    public const string UserUnlocked = "user.unlocked";
    public const string UserPasswordSet = "user.password_set";
    public const string UserPasswordChanged = "user.password_changed";
    public const string UserPasswordLinkCreated = "user.password_link_created";
    public const string UserPasswordLinkSent = "user.password_link_sent";
    public const string UserPasswordSetByLink = "user.password_set_by_link";
    public const string UserPasswordReset = "user.password_reset";
    public const string UserRoleGranted = "user.role_granted";
    public const string UserRoleWithdrawn = "user.role_withdrawn";
    public const string ConsoleEntered = "console.entered";
    public const string ConsoleRefused = "console.refused";
    public const string SessionEnded = "session.ended";
    public const string BackChannelLogoutFailed = "session.backchannel_logout_failed";
    public const string ScopeRegistered = "scope.registered";
    public const string ScopeRemoved = "scope.removed";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string ScimUserCreated = "scim.user.created";
    public const string ScimUserUpdated = "scim.user.updated";
    public const string ScimUserDeleted = "scim.user.deleted";
    public const string ScimGroupCreated = "scim.group.created";
    public const string ScimGroupUpdated = "scim.group.updated";
    public const string ScimGroupDeleted = "scim.group.deleted";
    public const string RateLimited = "rate_limit.rejected";
    public const string FederatedSignIn = "federation.sign_in";
    public const string FederatedIdentityLinked = "federation.linked";
    public const string FederatedUserCreated = "federation.user_created";
    public const string IdentityProviderRegistered = "idp.registered";
    public const string IdentityProviderRemoved = "idp.removed";
}
