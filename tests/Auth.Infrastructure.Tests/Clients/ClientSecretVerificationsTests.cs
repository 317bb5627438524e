using Auth.Infrastructure.Clients;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.Clients;

/// <summary>The in-process memory of verified client secrets: successes only, per stored hash, for a short while.</summary>
public sealed class ClientSecretVerificationsTests
{
    private const string StoredHash = "AQAAAAEAACcQAAAAEK8r…stored-hash-1";

    [Test]
    public void A_remembered_secret_is_known_for_the_same_stored_hash_only()
    {
        var verifications = Create(TimeSpan.FromMinutes(5), out _);

        verifications.Remember("secret-1", StoredHash);

        Assert.Multiple(() =>
        {
            Assert.That(verifications.WasVerified("secret-1", StoredHash), Is.True);
            Assert.That(verifications.WasVerified("secret-2", StoredHash), Is.False, "another secret");
            Assert.That(verifications.WasVerified("secret-1", StoredHash + "x"), Is.False, "the client's secret changed");
            Assert.That(verifications.WasVerified("secret-1" + "\0" + "x", StoredHash), Is.False);
        });
    }

    [Test]
    public void Nothing_is_known_before_it_is_remembered()
    {
        var verifications = Create(TimeSpan.FromMinutes(5), out _);

        Assert.That(verifications.WasVerified("secret-1", StoredHash), Is.False);
    }

    [Test]
    public void A_remembered_secret_is_forgotten_after_the_lifetime()
    {
        var verifications = Create(TimeSpan.FromMinutes(5), out var clock);
        verifications.Remember("secret-1", StoredHash);

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var justBefore = verifications.WasVerified("secret-1", StoredHash);
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Multiple(() =>
        {
            Assert.That(justBefore, Is.True);
            Assert.That(verifications.WasVerified("secret-1", StoredHash), Is.False);
        });
    }

    [Test]
    public void A_zero_lifetime_turns_the_memory_off()
    {
        var verifications = Create(TimeSpan.Zero, out _);

        verifications.Remember("secret-1", StoredHash);

        Assert.That(verifications.WasVerified("secret-1", StoredHash), Is.False);
    }

    [Test]
    public void When_full_it_starts_again_rather_than_grow()
    {
        var verifications = Create(TimeSpan.FromMinutes(5), out _, maximumEntries: 3);
        for (var i = 0; i < 3; i++)
        {
            verifications.Remember($"secret-{i}", StoredHash);
        }

        verifications.Remember("secret-new", StoredHash);

        Assert.Multiple(() =>
        {
            Assert.That(verifications.WasVerified("secret-new", StoredHash), Is.True);
            Assert.That(verifications.WasVerified("secret-0", StoredHash), Is.False);
        });
    }

    private static ClientSecretVerifications Create(TimeSpan lifetime, out ManualClock clock, int maximumEntries = 100)
    {
        clock = new ManualClock();
        return new ClientSecretVerifications(Options.Create(new ClientSecretCacheOptions { Lifetime = lifetime, MaximumEntries = maximumEntries }), clock);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
