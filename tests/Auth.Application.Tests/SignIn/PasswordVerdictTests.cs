using Auth.Application.Ports;
using Auth.Application.SignIn;

namespace Auth.Application.Tests.SignIn;

/// <summary>A typed password is judged once per stored hash, and again whenever the stored hash changed.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class PasswordVerdictTests
{
    private readonly CountingHasher _hasher = new();

    [Test]
    public void The_same_stored_hash_is_verified_once()
    {
        var verdict = new PasswordVerdict(_hasher, "right");

        var first = verdict.Matches("hash-of:right");
        var again = verdict.Matches("hash-of:right");

        Assert.Multiple(() =>
        {
            Assert.That((first, again), Is.EqualTo((true, true)));
            Assert.That(_hasher.Verifications, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_changed_stored_hash_is_verified_anew_and_never_judged_by_the_old_verdict()
    {
        var verdict = new PasswordVerdict(_hasher, "old");

        var before = verdict.Matches("hash-of:old");
        var afterAChange = verdict.Matches("hash-of:new");
        var changedBack = verdict.Matches("hash-of:old");

        Assert.Multiple(() =>
        {
            Assert.That((before, afterAChange, changedBack), Is.EqualTo((true, false, true)));
            Assert.That(_hasher.Verifications, Is.EqualTo(3));
        });
    }

    [Test]
    public void No_stored_hash_is_no_match_after_a_verifications_cost_and_a_hash_set_later_is_verified()
    {
        var verdict = new PasswordVerdict(_hasher, "right");

        var unknown = verdict.Matches(null);
        var unknownAgain = verdict.Matches(null);
        var created = verdict.Matches("hash-of:right");

        Assert.Multiple(() =>
        {
            Assert.That((unknown, unknownAgain, created), Is.EqualTo((false, false, true)));
            Assert.That(_hasher.Verifications, Is.EqualTo(2), "null verified once (what a real verification costs), then the new hash");
        });
    }

    private sealed class CountingHasher : IPasswordHasher
    {
        public int Verifications { get; private set; }

        public string Hash(string password) => $"hash-of:{password}";

        public bool Verify(string password, string? hash)
        {
            Verifications++;
            return hash == Hash(password);
        }
    }
}
