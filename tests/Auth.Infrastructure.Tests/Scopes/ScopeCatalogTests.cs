using System.Collections.Frozen;
using Auth.Infrastructure.AccessChanges;
using Auth.Infrastructure.Scopes;

namespace Auth.Infrastructure.Tests.Scopes;

public sealed class ScopeCatalogTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Scopes_are_served_only_while_the_feed_read_within_the_last_second()
    {
        var clock = new SettableClock(Start);
        var catalog = new ScopeCatalog(clock);
        var servedBeforeAnyRead = catalog.TryServe(out _, out _);

        catalog.CaughtUp(Start);
        Assert.That(catalog.TryServe(out var empty, out var generation), Is.True);
        catalog.Keep(Snapshot("orders.read"), generation);
        clock.Now = Start + ScopeCatalog.Freshness;
        var servedAtTheLimit = catalog.TryServe(out var kept, out _);
        clock.Now = Start + ScopeCatalog.Freshness + TimeSpan.FromMilliseconds(1);
        var servedAfterIt = catalog.TryServe(out _, out _);
        catalog.CaughtUp(clock.Now);
        var servedOnceCurrentAgain = catalog.TryServe(out var afterStale, out _);

        Assert.Multiple(() =>
        {
            Assert.That(servedBeforeAnyRead, Is.False, "no feed has read yet (the command line): read the store");
            Assert.That(empty, Is.Null, "nothing kept yet: read the store, then keep");
            Assert.That(servedAtTheLimit, Is.True);
            Assert.That(kept?.ByName.Keys, Is.EquivalentTo(new[] { "orders.read" }));
            Assert.That(servedAfterIt, Is.False, "a feed that stopped reading: read the store");
            Assert.That(servedOnceCurrentAgain, Is.True);
            Assert.That(afterStale, Is.Null, "what was kept while the feed was current is dropped once it was not");
        });
    }

    [Test]
    public void A_scope_change_drops_the_scopes_and_a_read_begun_before_it_is_not_kept()
    {
        var clock = new SettableClock(Start);
        var catalog = new ScopeCatalog(clock);
        catalog.CaughtUp(Start);
        catalog.TryServe(out _, out var generation);
        catalog.Keep(Snapshot("orders.read"), generation);

        catalog.TryServe(out _, out var readBegun);
        catalog.Apply(Change(AccessChangeKind.ScopeChanged));
        var afterChange = catalog.TryServe(out var dropped, out _);
        catalog.Keep(Snapshot("orders.read"), readBegun);
        catalog.TryServe(out var staleRead, out _);
        catalog.Apply(Change(AccessChangeKind.SubjectCutOff));
        catalog.TryServe(out var afterOtherChange, out var current);
        catalog.Keep(Snapshot("orders.write"), current);
        catalog.Apply(Change(AccessChangeKind.ClientCutOff));

        Assert.Multiple(() =>
        {
            Assert.That(afterChange, Is.True);
            Assert.That(dropped, Is.Null, "read again after a scope change");
            Assert.That(staleRead, Is.Null, "scopes read before the change are not kept after it");
            Assert.That(afterOtherChange, Is.Null);
            Assert.That(catalog.TryServe(out var kept, out _) && kept is not null, Is.True, "other kinds of change leave the scopes alone");
        });
    }

    [Test]
    public void A_feed_that_stalled_drops_what_was_held_before_the_gap_though_nothing_was_asked_during_it()
    {
        var clock = new SettableClock(Start);
        var catalog = new ScopeCatalog(clock);
        catalog.CaughtUp(Start);
        catalog.TryServe(out _, out var generation);
        catalog.Keep(Snapshot("orders.read"), generation);
        catalog.TryServe(out _, out var readBegunBeforeTheGap);

        // Six minutes without a read: a change made meanwhile expired unseen. No request asked during the gap.
        clock.Now = Start + TimeSpan.FromMinutes(6);
        catalog.CaughtUp(clock.Now);
        var served = catalog.TryServe(out var afterGap, out _);
        catalog.Keep(Snapshot("orders.read"), readBegunBeforeTheGap);
        catalog.TryServe(out var lateKeep, out _);
        catalog.CaughtUp(clock.Now + TimeSpan.FromMilliseconds(250));
        catalog.TryServe(out _, out var fresh);
        catalog.Keep(Snapshot("orders.write"), fresh);
        clock.Now += TimeSpan.FromSeconds(3);
        catalog.CaughtUp(clock.Now);

        Assert.Multiple(() =>
        {
            Assert.That(served, Is.True, "the feed is current again");
            Assert.That(afterGap, Is.Null, "read again: a change may have expired during the gap");
            Assert.That(lateKeep, Is.Null, "a read begun before the gap is not kept");
            Assert.That(catalog.TryServe(out var kept, out _) && kept is not null, Is.True, "reads a few seconds apart (a busy feed) keep what is held");
        });
    }

    private static ScopeSnapshot Snapshot(string name) =>
        new(new Dictionary<string, ScopeSnapshot.Entry> { [name] = new(new object(), []) }.ToFrozenDictionary());

    private static AccessChange Change(AccessChangeKind kind) => new() { Kind = kind, Key = "orders.read", At = Start.ToUnixTimeMilliseconds(), Expires = long.MaxValue };
}
