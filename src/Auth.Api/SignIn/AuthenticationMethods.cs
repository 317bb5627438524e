namespace Auth.Api.SignIn;

/// <summary>Authentication method reference values (RFC 8176 §2) this service records in sessions and tokens.</summary>
public static class AuthenticationMethods
{
    public const string Password = "pwd";

    public const string OneTimePassword = "otp";

    /// <summary>RFC 8176 §2: multiple-factor authentication, as an upstream provider trusted for it says.</summary>
    public const string MultiFactor = Auth.Domain.IdentityProviders.UpstreamMethods.MultiFactor;

    /// <summary>A sign-in at an upstream identity provider (not an RFC 8176 value; docs/security.md).</summary>
    public const string Federated = Auth.Domain.IdentityProviders.UpstreamMethods.Federated;
}
