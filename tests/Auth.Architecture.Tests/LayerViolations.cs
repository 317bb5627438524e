using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using OpenIddict.Abstractions;

namespace Auth.Architecture.Tests.LayerViolations;

// What a use case must not do, for the test that shows the layer rule would notice. Never instantiated.

public sealed class HoldsTheDatabaseFacade(DatabaseFacade database)
{
    public DatabaseFacade Database { get; } = database;
}

public sealed class ClearsTheChangeTracker(DbContext db)
{
    public void Forget() => db.ChangeTracker.Clear();
}

public sealed class BeginsATransactionOnTheFacade(DbContext db)
{
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

public sealed class AsksOpenIddictDirectly(IOpenIddictApplicationManager applications)
{
    public async Task<bool> ExistsAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is not null;
}
