namespace Auth.Infrastructure.Security;

/// <summary>
/// The key that encrypts the Data Protection key ring, which in turn encrypts signing keys and TOTP secrets.
/// Give it as <see cref="MasterKey"/> (base64 of 32 random bytes, e.g. from a secret store through the environment
/// variable <c>Security__MasterKey</c>) or as a file; with neither, a file is generated in the data directory.
/// Whoever has the database alone cannot read any secret in it.
/// </summary>
public sealed class MasterKeyOptions
{
    public const string Section = "Security";

    public string? MasterKey { get; set; }

    public string? MasterKeyFile { get; set; }
}
