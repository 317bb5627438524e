namespace Auth.Application.Ports;

/// <summary>One-way hashing of user passwords.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>
    /// Whether the password matches the stored hash. With no stored hash it spends what a real verification costs and
    /// returns false, so a sign-in for an unknown user takes as long as one with a wrong password.
    /// </summary>
    bool Verify(string password, string? hash);
}
