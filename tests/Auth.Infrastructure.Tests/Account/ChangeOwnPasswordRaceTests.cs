using Auth.Application.Account;
using Auth.Application.Audit;
using Auth.Application.Concurrency;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Sessions;
using Auth.Application.SignIn;
using Auth.Application.Users;
using Auth.Domain.Users;
using Auth.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.Account;

/// <summary>
/// A user's own password change that loses every race on the user's row (another write saving the user each time) gives
/// up after <see cref="WriteRetry.MaxAttempts"/>: nothing changed, the user asked to try again, and the attempt audited.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ChangeOwnPasswordRaceTests(DatabaseProvider provider)
{
    private const string OldPassword = "correct horse battery";
    private const string NewPassword = "staple of another kind";

    private readonly RowRaceLoser<User> _race = RowRaceLoser.ForUser();
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = _database.NewServices(raceLoser: _race);
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task A_change_that_keeps_losing_its_race_changes_nothing_asks_to_try_again_and_is_audited()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher>();
        var user = new User($"racer-{Guid.NewGuid():N}", DateTimeOffset.UtcNow);
        user.SetPasswordHash(hasher.Hash(OldPassword), DateTimeOffset.UtcNow);
        db.Users.Add(user);
        await db.SaveChangesAsync(CancellationToken.None);
        var storedBefore = user.PasswordHash;
        db.DiscardChanges();

        var events = new RecordedEvents();
        var sessions = ActivatorUtilities.CreateInstance<SessionEnding>(scope.ServiceProvider, Options.Create(new BackChannelLogoutOptions()));
        var revocation = ActivatorUtilities.CreateInstance<UserAccessRevocation>(scope.ServiceProvider, sessions);
        var handler = new ChangeOwnPasswordHandler(db, hasher, revocation, Options.Create(new SignInOptions()), events, TimeProvider.System);

        _race.Key = user.Id;
        var result = await handler.Handle(new ChangeOwnPassword(user.Id, "the-session", OldPassword, NewPassword), CancellationToken.None);
        _race.Key = null;

        await using var check = _database.NewContext();
        var stored = await check.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
        Assert.Multiple(() =>
        {
            Assert.That(result.Error?.Kind, Is.EqualTo(ErrorKind.Conflict));
            Assert.That(result.Error?.Description, Does.Contain("try again"));
            Assert.That(_race.Raised, Is.EqualTo(WriteRetry.MaxAttempts), "each attempt saved once, and lost");
            Assert.That(stored.PasswordHash, Is.EqualTo(storedBefore), "the old password stands");
            Assert.That(stored.FailedSignInCount, Is.Zero, "the right current password is no failure");
            Assert.That(events.All.Select(e => (e.Type, e.Outcome, e.SubjectId)), Is.EqualTo(new[]
            {
                (SecurityEventTypes.UserPasswordChanged, SecurityEventOutcomes.Failure, (string?)user.Id),
            }));
        });
    }
}
