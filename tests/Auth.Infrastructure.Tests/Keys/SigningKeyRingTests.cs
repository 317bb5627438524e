using Auth.Application.Keys;
using Auth.Application.Ports;
using Auth.Infrastructure.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.Keys;

/// <summary>
/// A rotation through the use case, and the key ring every node holds, on each store: the new key is published at
/// once, signs from exactly its <c>signs_from</c> (not a tick before), and the replaced key leaves when its tokens have
/// expired. The clock is the test's; the ring is reloaded by hand as its refresher would.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class SigningKeyRingTests(DatabaseProvider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, 250, TimeSpan.Zero);
    private static readonly SigningKeyPolicy Policy = new() { PublishAhead = TimeSpan.FromMinutes(5) };

    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private SettableClock _clock = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _clock = new SettableClock(Start);
        _services = _database.NewServices(_clock);
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task A_rotated_key_is_published_at_once_and_signs_from_its_start_on_the_dot()
    {
        var firstKid = await SendAsync((db, protector) => new EnsureSigningKeyHandler(db, protector, _clock, new FirstRsaKey()).Handle(new EnsureSigningKey(), CancellationToken.None));
        var ring = _services.GetRequiredService<SigningKeyRing>();
        await ring.ReloadAsync(CancellationToken.None);
        var before = Snapshot(ring);

        var events = new RecordedEvents();
        var rotated = await SendAsync((db, protector) =>
            new RotateSigningKeyHandler(db, protector, _clock, events, Options.Create(Policy)).Handle(new RotateSigningKey(), CancellationToken.None));
        var published = await ring.ReloadAsync(CancellationToken.None);
        var afterRotation = Snapshot(ring);
        var nextChange = ring.NextChangeAt;

        _clock.Now = rotated.SignsFrom - TimeSpan.FromTicks(1);
        var changedJustBefore = await ring.ReloadAsync(CancellationToken.None);
        var justBefore = Snapshot(ring);

        _clock.Now = rotated.SignsFrom;
        var changedAtStart = await ring.ReloadAsync(CancellationToken.None);
        var atStart = Snapshot(ring);
        var retirement = ring.NextChangeAt;

        _clock.Now = rotated.SignsFrom + Policy.RetiredKeyPublicationTime;
        await ring.ReloadAsync(CancellationToken.None);
        var afterRetirement = Snapshot(ring);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(new[] { firstKid + "*" }), "the first key signs at once");
            Assert.That(rotated.SignsFrom, Is.EqualTo(new DateTimeOffset(2026, 12, 2, 12, 5, 1, TimeSpan.Zero)), "PublishAhead on, rounded up to a whole second");
            Assert.That(rotated.RetiredKeyIds, Is.EqualTo(new[] { firstKid }));
            Assert.That(published, Is.True);
            Assert.That(afterRotation, Is.EqualTo(new[] { firstKid + "*", rotated.NewKeyId }), "published at once, the old key still signs");
            Assert.That(nextChange, Is.EqualTo(rotated.SignsFrom), "the refresher wakes at the start");
            Assert.That(changedJustBefore, Is.False);
            Assert.That(justBefore, Is.EqualTo(afterRotation));
            Assert.That(changedAtStart, Is.True);
            Assert.That(atStart, Is.EqualTo(new[] { rotated.NewKeyId + "*", firstKid }), "the new key signs on the dot; the old one stays published");
            Assert.That(retirement, Is.EqualTo(rotated.SignsFrom + Policy.RetiredKeyPublicationTime));
            Assert.That(afterRetirement, Is.EqualTo(new[] { rotated.NewKeyId + "*" }), "the old key leaves once its tokens have expired");
        });
    }

    [Test]
    public async Task Loaded_waits_for_the_first_key_then_answers_at_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = database.NewServices(_clock);
        var ring = services.GetRequiredService<SigningKeyRing>();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var loaded = ring.LoadedAsync(CancellationToken.None);
        var waitCancelled = ring.LoadedAsync(cancelled.Token);
        await ring.ReloadAsync(CancellationToken.None);
        var completedWithoutKeys = await Task.WhenAny(loaded, Task.Delay(200)) == loaded;
        await using (var scope = services.CreateAsyncScope())
        {
            await new EnsureSigningKeyHandler(scope.ServiceProvider.GetRequiredService<IAuthDbContext>(), scope.ServiceProvider.GetRequiredService<ISecretProtector>(),
                _clock, new FirstRsaKey()).Handle(new EnsureSigningKey(), CancellationToken.None);
        }

        await ring.ReloadAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(completedWithoutKeys, Is.False, "a reload that found no key");
            Assert.That(async () => await waitCancelled, Throws.InstanceOf<OperationCanceledException>());
            Assert.That(await Task.WhenAny(loaded, Task.Delay(TimeSpan.FromSeconds(5))), Is.SameAs(loaded));
            Assert.That(ring.LoadedAsync(CancellationToken.None).IsCompletedSuccessfully, Is.True);
        });
    }

    private static List<string> Snapshot(SigningKeyRing ring) => ring.Keys.Select(k => k.Signing ? k.KeyId + "*" : k.KeyId).ToList();

    private async Task<T> SendAsync<T>(Func<IAuthDbContext, ISecretProtector, ValueTask<T>> handle)
    {
        await using var scope = _services.CreateAsyncScope();
        return await handle(scope.ServiceProvider.GetRequiredService<IAuthDbContext>(), scope.ServiceProvider.GetRequiredService<ISecretProtector>());
    }
}
