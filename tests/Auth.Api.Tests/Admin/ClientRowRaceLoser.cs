using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// Makes every save of one client's registration lose its race: just before a save that changes
/// <see cref="ClientId"/>'s OpenIddict row, the row's concurrency token is replaced in the same transaction, as another
/// writer saving the client first would, so the save's concurrency check finds no row at the token it read.
/// </summary>
internal sealed class ClientRowRaceLoser : SaveChangesInterceptor
{
    private int _raised;

    /// <summary>The client whose saves lose; none while null.</summary>
    public string? ClientId { get; set; }

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
        var clientId = ClientId;
        if (clientId is not null && eventData.Context!.ChangeTracker.Entries<OpenIddictEntityFrameworkCoreApplication>()
                .Any(e => e.Entity.ClientId == clientId && e.State == EntityState.Modified))
        {
            Interlocked.Increment(ref _raised);
            var raced = "raced-" + Guid.NewGuid().ToString("N");
            await eventData.Context.Set<OpenIddictEntityFrameworkCoreApplication>().Where(a => a.ClientId == clientId)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.ConcurrencyToken, raced), cancellationToken);
        }

        return result;
    }
}
