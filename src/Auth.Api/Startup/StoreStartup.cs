using Auth.Api.Seed;
using Auth.Application.Behaviours;
using Auth.Application.Keys;
using Auth.Application.Scopes;
using Auth.Application.Seed;
using Auth.Application.Users;
using Auth.Infrastructure.AccessChanges;
using Auth.Infrastructure.IdentityProviders;
using Auth.Infrastructure.Keys;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Options;

namespace Auth.Api.Startup;

public static partial class StoreStartup
{
    /// <summary>
    /// Before the server takes requests: migrate the store, load the revocations in force, make sure a signing key exists, load the keys once,
    /// register the built-in mfa scope, apply the seed file and the identity providers declared in configuration, and
    /// load the providers. A seed file that is missing, unreadable or invalid, or a configured provider the rules
    /// refuse, stops the start rather than half-applying: one line on standard error naming it, no stack trace.
    /// </summary>
    /// <returns>false when the seed file or a configured provider stopped the start; the process then exits with 1.</returns>
    public static async Task<bool> PrepareStoreAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StoreStartup));

        var ephemeral = services.GetService<EphemeralDatabase>();
        Task signingKeys;
        if (ephemeral is not null)
        {
            // A new, empty store: no revocations to catch up with, and the first signing key (an RSA key generated, the
            // Data Protection key ring created) is made beside the seed on the other core (docs/performance.md, ephemeral start-up).
            await ephemeral.EnsureSchemaAsync(cancellationToken);
            signingKeys = Task.Run(() => EnsureSigningKeyAsync(app.Services, cancellationToken), cancellationToken);
        }
        else
        {
            var migrator = services.GetRequiredService<DatabaseMigrator>();
            if (services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStartup)
            {
                await migrator.MigrateAsync(cancellationToken);
            }
            else if ((await migrator.PendingMigrationsAsync(cancellationToken)).Count > 0)
            {
                throw new InvalidOperationException("The database has pending migrations; run the 'migrate' verb first.");
            }

            // The revocations still in force, before the first token is checked against them.
            await services.GetRequiredService<AccessChangeFeed>().CatchUpAsync(cancellationToken);
            await EnsureSigningKeyAsync(app.Services, cancellationToken);
            signingKeys = Task.CompletedTask;
        }

        var sender = services.GetRequiredService<ISender>();
        await sender.Send(new EnsureBuiltInScopes(), cancellationToken);

        var seedDeclaresProviders = false;
        if (services.GetRequiredService<IOptions<SeedOptions>>().Value.File is { Length: > 0 } seedFile)
        {
            SeedDocument document;
            try
            {
                document = SeedFile.Read(seedFile);
            }
            catch (InvalidDataException ex)
            {
                return await RefuseAsync(ex.Message, signingKeys);
            }

            seedDeclaresProviders = document.IdentityProviders.Count > 0;
            if (await ApplySeedAsync(sender, logger, seedFile, document, cancellationToken) is { } failure)
            {
                return await RefuseAsync(failure, signingKeys);
            }
        }

        var configuration = services.GetRequiredService<IConfiguration>();
        if (await ConfiguredIdentityProviders.ApplyAsync(configuration, sender, cancellationToken) is { } refused)
        {
            return await RefuseAsync(refused, signingKeys);
        }

        // The providers as the seed and configuration left them, before the first request; IdentityProviderRefresher keeps
        // them current. A new ephemeral store holds none unless one of the two declared some: nothing to read then.
        if (ephemeral is null || seedDeclaresProviders || ConfiguredIdentityProviders.AnyDeclared(configuration))
        {
            await services.GetRequiredService<IdentityProviderCatalog>().ReloadAsync(cancellationToken);
        }

        await signingKeys;
        return true;
    }

    /// <summary>
    /// The one line saying why the start stops, once the signing key made beside the seed (ephemeral mode) is finished
    /// with, whatever its outcome: the caller then stops the host and disposes what that task runs on.
    /// </summary>
    private static async Task<bool> RefuseAsync(string reason, Task signingKeys)
    {
        await Console.Error.WriteLineAsync(reason);
        await Task.WhenAny(signingKeys);
        return false;
    }

    /// <summary>A signing key exists and the ring holds it, in a scope of its own so it can run beside the rest.</summary>
    private static async Task EnsureSigningKeyAsync(IServiceProvider root, CancellationToken cancellationToken)
    {
        using var scope = root.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new EnsureSigningKey(), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SigningKeyRing>().ReloadAsync(cancellationToken);
    }

    /// <returns>null when the file was applied, else the one-line reason it was not.</returns>
    internal static async Task<string?> ApplySeedFileAsync(ISender sender, ILogger logger, string seedFile, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplySeedAsync(sender, logger, seedFile, SeedFile.Read(seedFile), cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }
    }

    /// <returns>null when the document read from <paramref name="seedFile"/> was applied, else the one-line reason it was not.</returns>
    private static async Task<string?> ApplySeedAsync(ISender sender, ILogger logger, string seedFile, SeedDocument document, CancellationToken cancellationToken)
    {
        try
        {
            var result = await sender.Send(new ApplySeed(document), cancellationToken);
            if (!result.Succeeded)
            {
                return $"The seed file '{seedFile}' could not be applied: {result.Error.Description}";
            }

            LogSeedApplied(logger, seedFile, result.Value.Created, result.Value.Updated, result.Value.Unchanged);
            return null;
        }
        catch (RequestValidationException ex)
        {
            return $"The seed file '{seedFile}' could not be applied: {ex.Message}";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed file {SeedFile} applied: {Created} created, {Updated} updated, {Unchanged} unchanged")]
    private static partial void LogSeedApplied(ILogger logger, string seedFile, int created, int updated, int unchanged);
}
