namespace Auth.Api.SignIn;

/// <summary>Authentication method reference values (RFC 8176 §2) this service records in sessions and tokens.</summary>
public static class AuthenticationMethods
{
    public const string Password = "pwd";

    public const string OneTimePassword = "otp";
}
