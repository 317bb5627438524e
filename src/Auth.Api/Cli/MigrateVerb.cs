using Auth.Infrastructure.Persistence;

namespace Auth.Api.Cli;

public static class MigrateVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        var pending = await migrator.PendingMigrationsAsync(cancellationToken);
        await migrator.MigrateAsync(cancellationToken);
        output.WriteLine(pending.Count == 0 ? "The database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }
}
