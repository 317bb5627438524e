using System.Collections.Frozen;
using Auth.Infrastructure.AccessChanges;
using Auth.Infrastructure.Clients;

namespace Auth.Infrastructure.Tests.Clients;

public sealed class CorsOriginCatalogTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase(AccessChangeKind.ClientChanged)]
    [TestCase(AccessChangeKind.ClientCutOff)]
    public void Any_clients_change_or_removal_drops_the_origins(AccessChangeKind kind)
    {
        var catalog = Holding("https://app.example");

        catalog.Apply(Change(kind));

        Assert.That(catalog.TryServe(out var origins, out _) && origins is null, Is.True, "read again after the change");
    }

    [TestCase(AccessChangeKind.ScopeChanged)]
    [TestCase(AccessChangeKind.SubjectCutOff)]
    [TestCase(AccessChangeKind.TokenDenied)]
    public void Other_changes_leave_the_origins(AccessChangeKind kind)
    {
        var catalog = Holding("https://app.example");

        catalog.Apply(Change(kind));

        Assert.That(catalog.TryServe(out var origins, out _) ? origins : null, Is.EquivalentTo(new[] { "https://app.example" }));
    }

    private static CorsOriginCatalog Holding(params string[] origins)
    {
        var catalog = new CorsOriginCatalog(new SettableClock(Start));
        catalog.CaughtUp(Start);
        catalog.TryServe(out _, out var generation);
        catalog.Keep(origins.ToFrozenSet(StringComparer.Ordinal), generation);
        return catalog;
    }

    private static AccessChange Change(AccessChangeKind kind) => new() { Kind = kind, Key = "app", At = Start.ToUnixTimeMilliseconds(), Expires = long.MaxValue };
}
