namespace Auth.Application.Ports;

/// <summary>One-way hashing of user passwords.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string password, string hash);
}
