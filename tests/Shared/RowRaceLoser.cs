using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace Auth.TestSupport;

/// <summary>
/// Makes every save of one row lose its race: just before a save that changes or deletes the row whose key is <see cref="Key"/>,
/// the row's concurrency token is changed in the same transaction, as another writer saving the row first would, so
/// the save's concurrency check finds no row at the token it read. One file linked into Auth.Infrastructure.Tests and
/// Auth.Api.Tests; <see cref="RowRaceLoser"/> makes one for a user, a client or a scope.
/// </summary>
internal sealed class RowRaceLoser<TEntity>(
    Func<TEntity, string?> keyOf,
    Func<IQueryable<TEntity>, string, CancellationToken, Task> raise) : SaveChangesInterceptor
    where TEntity : class
{
    private int _raised;

    /// <summary>The key of the row whose saves lose; none while null.</summary>
    public string? Key { get; set; }

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
        var key = Key;
        if (key is not null && eventData.Context!.ChangeTracker.Entries<TEntity>()
                .Any(e => e.State is EntityState.Modified or EntityState.Deleted && keyOf(e.Entity) == key))
        {
            Interlocked.Increment(ref _raised);
            await raise(eventData.Context.Set<TEntity>(), key, cancellationToken);
        }

        return result;
    }
}

/// <summary>The rows a test makes lose their races.</summary>
internal static class RowRaceLoser
{
    /// <summary>A user's saves lose: its version is raised.</summary>
    public static RowRaceLoser<User> ForUser() => new(
        user => user.Id,
        (users, id, cancellationToken) => users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.Version, u => u.Version + 1), cancellationToken));

    /// <summary>A scope's saves lose (keyed by its name): OpenIddict's concurrency token is replaced.</summary>
    public static RowRaceLoser<OpenIddictEntityFrameworkCoreScope> ForScope() => new(
        scope => scope.Name,
        (scopes, name, cancellationToken) => scopes.Where(s => s.Name == name)
            .ExecuteUpdateAsync(
                set => set.SetProperty(s => s.ConcurrencyToken, "raced-" + Guid.NewGuid().ToString("N")),
                cancellationToken));

    /// <summary>A client's saves lose (keyed by its client id): OpenIddict's concurrency token is replaced.</summary>
    public static RowRaceLoser<OpenIddictEntityFrameworkCoreApplication> ForClient() => new(
        application => application.ClientId,
        (applications, clientId, cancellationToken) => applications.Where(a => a.ClientId == clientId)
            .ExecuteUpdateAsync(
                set => set.SetProperty(a => a.ConcurrencyToken, "raced-" + Guid.NewGuid().ToString("N")),
                cancellationToken));
}
