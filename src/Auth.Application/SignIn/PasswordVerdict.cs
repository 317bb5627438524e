using Auth.Application.Ports;

namespace Auth.Application.SignIn;

/// <summary>
/// Whether a typed password matches a user's stored hash, for a write that may be made again on fresh data (a sign-in
/// counted after another one, a password change after a directory's change): the password is verified again only when
/// the stored hash changed meanwhile, so it is never judged against an old one, and never hashed twice for nothing.
/// </summary>
public sealed class PasswordVerdict(IPasswordHasher hasher, string password)
{
    private string? _verifiedHash;
    private bool? _matches;

    /// <summary>With no stored hash (an unknown user, one without a password) false, after a verification's cost.</summary>
    public bool Matches(string? storedHash)
    {
        if (_matches is null || storedHash != _verifiedHash)
        {
            _verifiedHash = storedHash;
            _matches = hasher.Verify(password, storedHash);
        }

        return _matches.Value;
    }
}
