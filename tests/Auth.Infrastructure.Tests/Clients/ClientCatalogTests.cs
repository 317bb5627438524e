using Auth.Infrastructure.AccessChanges;
using Auth.Infrastructure.Clients;
using Auth.Infrastructure.Scopes;

namespace Auth.Infrastructure.Tests.Clients;

public sealed class ClientCatalogTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_client_is_served_against_the_store_only_at_the_concurrency_token_it_was_kept_under()
    {
        var catalog = new ClientCatalog(new SettableClock(Start));
        var kept = new object();
        catalog.Keep("app", "v1", kept, catalog.Generation);

        Assert.Multiple(() =>
        {
            Assert.That(catalog.TryGet("app", "v1", catalog.Generation, out var same) && ReferenceEquals(same, kept), Is.True);
            Assert.That(catalog.TryGet("app", "v2", catalog.Generation, out _), Is.False, "the stored client changed since");
            Assert.That(catalog.TryGet("other", "v1", catalog.Generation, out _), Is.False);
            Assert.That(catalog.TryGet("APP", "v1", catalog.Generation, out _), Is.False, "client ids are compared exactly");
        });
    }

    [Test]
    public void A_client_is_served_unread_only_while_the_feed_read_within_the_last_second()
    {
        var clock = new SettableClock(Start);
        var catalog = new ClientCatalog(clock);
        catalog.Keep("app", "v1", new object(), catalog.Generation);
        var beforeAnyRead = catalog.TryGetCurrent("app", out _, out _);

        catalog.CaughtUp(Start);
        var current = catalog.TryGetCurrent("app", out _, out _);
        clock.Now = Start + ScopeCatalog.Freshness;
        var atTheLimit = catalog.TryGetCurrent("app", out _, out _);
        clock.Now += TimeSpan.FromMilliseconds(1);
        var afterIt = catalog.TryGetCurrent("app", out _, out _);
        catalog.CaughtUp(clock.Now);
        var afterAStall = catalog.TryGetCurrent("app", out _, out _);
        var confirmedGeneration = catalog.Generation;
        var confirmed = catalog.TryGet("app", "v1", confirmedGeneration, out _);
        var afterConfirmation = catalog.TryGetCurrent("app", out _, out _);

        Assert.Multiple(() =>
        {
            Assert.That(beforeAnyRead, Is.False, "no feed has read yet (the command line): check the store");
            Assert.That(current, Is.True);
            Assert.That(atTheLimit, Is.True);
            Assert.That(afterIt, Is.False, "a feed that stopped reading: check the store");
            Assert.That(afterAStall, Is.False, "the stalled feed may have missed a change: what was kept before is checked first");
            Assert.That(confirmed, Is.True);
            Assert.That(afterConfirmation, Is.True, "a check against the store confirms the entry again");
        });
    }

    [Test]
    public void A_client_change_forgets_the_client_and_a_read_begun_before_it_is_not_served_unread()
    {
        var catalog = new ClientCatalog(new SettableClock(Start));
        catalog.CaughtUp(Start);
        catalog.Keep("app", "v1", new object(), catalog.Generation);
        catalog.Keep("other", "v1", new object(), catalog.Generation);
        catalog.Apply(Change(AccessChangeKind.SubjectCutOff, "app"));
        catalog.Apply(Change(AccessChangeKind.ScopeChanged, "app"));
        var afterOtherKinds = catalog.TryGetCurrent("app", out _, out _);

        var readBegun = catalog.Generation;
        catalog.Apply(Change(AccessChangeKind.ClientChanged, "app"));
        var afterChange = catalog.TryGetCurrent("app", out _, out _);
        var checkedAfterChange = catalog.TryGet("app", "v1", catalog.Generation, out _);
        catalog.Keep("app", "v2", new object(), readBegun);
        var raced = catalog.TryGetCurrent("app", out _, out _);
        var racedAgainstTheStore = catalog.TryGet("app", "v2", catalog.Generation, out _);
        var removalGeneration = catalog.Generation;
        catalog.Apply(Change(AccessChangeKind.ClientCutOff, "app"));
        var afterRemoval = catalog.TryGetCurrent("app", out _, out _);
        var otherAfterChanges = catalog.TryGet("other", "v1", removalGeneration, out _);

        Assert.Multiple(() =>
        {
            Assert.That(afterOtherKinds, Is.True, "changes to users and scopes leave clients alone");
            Assert.That(afterChange, Is.False);
            Assert.That(checkedAfterChange, Is.False, "forgotten, not only unserved");
            Assert.That(raced, Is.False, "read before the change was applied: not served without a check");
            Assert.That(racedAgainstTheStore, Is.True, "the check against the store serves and confirms it");
            Assert.That(afterRemoval, Is.False, "a removal (its cut-off) forgets the client too");
            Assert.That(otherAfterChanges, Is.True, "another client's entry stays, checked against the store");
        });
    }

    private static AccessChange Change(AccessChangeKind kind, string key) =>
        new() { Kind = kind, Key = key, At = Start.ToUnixTimeMilliseconds(), Expires = long.MaxValue };
}
