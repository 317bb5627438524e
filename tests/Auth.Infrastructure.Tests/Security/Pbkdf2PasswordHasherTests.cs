using Auth.Infrastructure.Security;

namespace Auth.Infrastructure.Tests.Security;

public sealed class Pbkdf2PasswordHasherTests
{
    // The production work factor is verified once below; the other tests use a small one to stay fast.
    private readonly Pbkdf2PasswordHasher _hasher = new(iterations: 1_000);

    [Test]
    public void The_default_work_factor_is_pbkdf2_sha512_with_210000_iterations()
    {
        var hash = new Pbkdf2PasswordHasher().Hash("correct horse battery staple");

        Assert.That(hash, Does.StartWith("pbkdf2-sha512$210000$"));
    }

    [Test]
    public void The_right_password_verifies() =>
        Assert.That(_hasher.Verify("correct horse", _hasher.Hash("correct horse")), Is.True);

    [TestCase("Correct horse")]
    [TestCase("correct horse ")]
    [TestCase("")]
    public void Any_other_password_does_not(string attempt) =>
        Assert.That(_hasher.Verify(attempt, _hasher.Hash("correct horse")), Is.False);

    [Test]
    public void Each_hash_has_its_own_salt()
    {
        var first = _hasher.Hash("same");
        var second = _hasher.Hash("same");

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void A_hash_made_with_another_work_factor_still_verifies() =>
        Assert.That(_hasher.Verify("pw", new Pbkdf2PasswordHasher(2_000).Hash("pw")), Is.True);

    [TestCase("")]
    [TestCase("plain-text-password")]
    [TestCase("pbkdf2-sha512$abc$AAAA$AAAA")]
    [TestCase("pbkdf2-sha512$1000$not base64$AAAA")]
    [TestCase("bcrypt$10$AAAA$AAAA")]
    public void Malformed_stored_hashes_never_verify(string stored) =>
        Assert.That(_hasher.Verify("pw", stored), Is.False);
}
