using Auth.Api.Seed;
using Auth.Application.Keys;
using Auth.Application.Mfa;
using Auth.Application.Seed;
using Auth.Application.Users;
using Auth.Infrastructure.Keys;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Options;

namespace Auth.Api.Startup;

public static partial class StoreStartup
{
    /// <summary>
    /// Before the server takes requests: migrate the store, make sure a signing key exists, load the keys once,
    /// register the built-in mfa scope, and apply the seed file. A bad seed file stops the start with a clear message
    /// rather than half-applying.
    /// </summary>
    public static async Task PrepareStoreAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StoreStartup));

        var migrator = services.GetRequiredService<DatabaseMigrator>();
        if (services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        else if ((await migrator.PendingMigrationsAsync(cancellationToken)).Count > 0)
        {
            throw new InvalidOperationException("The database has pending migrations; run the 'migrate' verb first.");
        }

        var sender = services.GetRequiredService<ISender>();
        await sender.Send(new EnsureSigningKey(), cancellationToken);
        await services.GetRequiredService<SigningKeyRing>().ReloadAsync(cancellationToken);
        await sender.Send(new EnsureMfaScope(), cancellationToken);

        if (services.GetRequiredService<IOptions<SeedOptions>>().Value.File is { Length: > 0 } seedFile)
        {
            var result = await sender.Send(new ApplySeed(SeedFile.Read(seedFile)), cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The seed file '{seedFile}' could not be applied: {result.Error.Description}");
            }

            LogSeedApplied(logger, seedFile, result.Value.Created, result.Value.Updated, result.Value.Unchanged);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed file {SeedFile} applied: {Created} created, {Updated} updated, {Unchanged} unchanged")]
    private static partial void LogSeedApplied(ILogger logger, string seedFile, int created, int updated, int unchanged);
}
