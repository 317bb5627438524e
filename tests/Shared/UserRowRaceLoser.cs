using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.TestSupport;

/// <summary>
/// Makes every save of one user lose its race: just before a save that changes <see cref="UserId"/>'s row, the row's
/// version is raised in the same transaction, as another write saving the user first would, so the save's concurrency
/// check finds no row at the version it read. One file linked into Auth.Infrastructure.Tests and Auth.Api.Tests.
/// </summary>
internal sealed class UserRowRaceLoser : SaveChangesInterceptor
{
    private int _raised;

    /// <summary>The user whose saves lose; none while null.</summary>
    public string? UserId { get; set; }

    /// <summary>How many saves were made to lose.</summary>
    public int Raised => Volatile.Read(ref _raised);

    /// <summary>Adds it to the store's context type, beside the store's own options.</summary>
    public void AddTo(IServiceCollection services, bool postgres)
    {
        if (postgres)
        {
            services.ConfigureDbContext<PostgresAuthDbContext>(options => options.AddInterceptors(this));
        }
        else
        {
            services.ConfigureDbContext<SqliteAuthDbContext>(options => options.AddInterceptors(this));
        }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        if (userId is not null && eventData.Context!.ChangeTracker.Entries<User>().Any(e => e.Entity.Id == userId && e.State == EntityState.Modified))
        {
            Interlocked.Increment(ref _raised);
            await eventData.Context.Set<User>().Where(u => u.Id == userId)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Version, u => u.Version + 1), cancellationToken);
        }

        return result;
    }
}
