using System.CommandLine;
using Auth.Infrastructure.Persistence;

namespace Auth.Api.Cli;

public static class MigrateVerb
{
    public static Command Create(VerbRunner runner) =>
        runner.Runs(new Command("migrate", "Apply pending database migrations."), MigrateAsync, migrateFirst: false);

    private static async Task<int> MigrateAsync(VerbContext verb)
    {
        var migrator = verb.Services.GetRequiredService<DatabaseMigrator>();
        var pending = await migrator.PendingMigrationsAsync(verb.CancellationToken);
        await migrator.MigrateAsync(verb.CancellationToken);
        verb.Output.WriteLine(pending.Count == 0 ? "The database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }
}
