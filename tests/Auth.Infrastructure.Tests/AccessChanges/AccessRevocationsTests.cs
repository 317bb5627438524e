using Auth.Infrastructure.AccessChanges;

namespace Auth.Infrastructure.Tests.AccessChanges;

public sealed class AccessRevocationsTests
{
    private const long T = 1_800_000_000_000;

    [Test]
    public void A_cut_off_voids_tokens_issued_at_or_before_it_and_not_after()
    {
        var revocations = new AccessRevocations();
        revocations.Apply(Change(AccessChangeKind.SubjectCutOff, "user-1", T));

        Assert.Multiple(() =>
        {
            Assert.That(revocations.IsRevoked(null, T - 1, "user-1", "app", null), Is.True);
            Assert.That(revocations.IsRevoked(null, T, "user-1", "app", null), Is.True, "the same millisecond fails closed");
            Assert.That(revocations.IsRevoked(null, T + 1, "user-1", "app", null), Is.False);
            Assert.That(revocations.IsRevoked(null, T - 1, "user-2", "app", null), Is.False, "another subject");
        });
    }

    [Test]
    public void Each_kind_of_cut_off_applies_to_its_own_key_only()
    {
        var revocations = new AccessRevocations();
        revocations.Apply(Change(AccessChangeKind.ClientCutOff, "app", T));
        revocations.Apply(Change(AccessChangeKind.AuthorizationCutOff, "grant-1", T));

        Assert.Multiple(() =>
        {
            Assert.That(revocations.IsRevoked(null, T, "u", "app", null), Is.True, "the client");
            Assert.That(revocations.IsRevoked(null, T, "u", "other", "grant-1"), Is.True, "the grant");
            Assert.That(revocations.IsRevoked(null, T, "app", "other", "grant-2"), Is.False, "a subject named like the client is not the client");
        });
    }

    [Test]
    public void A_denied_token_is_refused_whenever_it_was_issued_and_others_are_not()
    {
        var revocations = new AccessRevocations();
        revocations.Apply(Change(AccessChangeKind.TokenDenied, "jti-1", T, expires: T + 3_600_000));

        Assert.Multiple(() =>
        {
            Assert.That(revocations.IsRevoked("jti-1", T + 10, "u", "app", null), Is.True);
            Assert.That(revocations.IsRevoked("jti-2", T + 10, "u", "app", null), Is.False);
        });
    }

    [Test]
    public void Applying_a_change_twice_or_out_of_order_keeps_the_latest_cut_off()
    {
        var revocations = new AccessRevocations();
        revocations.Apply(Change(AccessChangeKind.SubjectCutOff, "u", T + 500));
        revocations.Apply(Change(AccessChangeKind.SubjectCutOff, "u", T));
        revocations.Apply(Change(AccessChangeKind.SubjectCutOff, "u", T + 500));

        Assert.Multiple(() =>
        {
            Assert.That(revocations.IsRevoked(null, T + 400, "u", "app", null), Is.True);
            Assert.That(revocations.CutOffCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void Pruning_forgets_only_what_covers_expired_tokens()
    {
        var revocations = new AccessRevocations();
        revocations.Apply(Change(AccessChangeKind.TokenDenied, "old", T, expires: T + 1_000));
        revocations.Apply(Change(AccessChangeKind.TokenDenied, "young", T, expires: T + 5_000));
        revocations.Apply(Change(AccessChangeKind.ClientCutOff, "app", T, expires: T + 1_000));

        var pruned = revocations.Prune(T + 2_000);

        Assert.Multiple(() =>
        {
            Assert.That(pruned, Is.EqualTo(2));
            Assert.That(revocations.DeniedTokenCount, Is.EqualTo(1));
            Assert.That(revocations.IsRevoked("young", T, "u", "x", null), Is.True);
            Assert.That(revocations.CutOffCount, Is.Zero);
        });
    }

    [Test]
    public void A_hundred_thousand_revocations_fit_in_a_stated_bound_and_are_all_pruned_after_expiry()
    {
        var revocations = new AccessRevocations();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 100_000; i++)
        {
            revocations.Apply(Change(AccessChangeKind.TokenDenied, TokenIssueTime.NewTokenId(DateTimeOffset.FromUnixTimeMilliseconds(T + i)), T, expires: T + 3_600_000));
        }

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        TestContext.Out.WriteLine($"100,000 denied tokens: {grown / 1024 / 1024.0:F1} MB, {grown / 100_000} bytes each");

        Assert.Multiple(() =>
        {
            Assert.That(revocations.DeniedTokenCount, Is.EqualTo(100_000));
            Assert.That(grown, Is.LessThan(20L * 1024 * 1024), "under 200 bytes a revocation (docs/configuration.md states the bound)");
            Assert.That(revocations.Prune(T + 3_600_001), Is.EqualTo(100_000));
            Assert.That(revocations.DeniedTokenCount, Is.Zero);
        });
    }

    private static AccessChange Change(AccessChangeKind kind, string key, long at, long? expires = null) =>
        new() { Kind = kind, Key = key, At = at, Expires = expires ?? at + 86_400_000 };
}
