using System.CommandLine;
using Auth.Application.Behaviours;
using Auth.Application.Ports;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Auth.Api.Cli;

/// <summary>
/// What every verb does around its own work: one service scope, pending migrations first when
/// <c>Storage:MigrateOnStartup</c> is on, the audit events it queued written before the process ends, and expected
/// failures (an unreadable file, a definition that fails validation, a mail server that did not take a message) reported with exit code 1.
/// </summary>
public sealed class VerbRunner(IServiceProvider services)
{
    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>.</summary>
    public Command Runs(Command command, Func<VerbContext, Task<int>> body, bool migrateFirst = true)
    {
        command.SetAction((arguments, cancellationToken) => RunAsync(arguments, body, migrateFirst, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult arguments, Func<VerbContext, Task<int>> body, bool migrateFirst, CancellationToken cancellationToken)
    {
        var output = arguments.InvocationConfiguration.Output;
        var error = arguments.InvocationConfiguration.Error;
        try
        {
            using var scope = services.CreateScope();
            var scoped = scope.ServiceProvider;
            if (migrateFirst && scoped.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStartup)
            {
                await scoped.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            }

            var exitCode = await body(new VerbContext(scoped, arguments, output, error, cancellationToken));

            // The verb's audit events (client, key, user changes, minted tokens) are queued: write them before the process ends.
            await services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
            return exitCode;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or MailDeliveryException)
        {
            await error.WriteLineAsync(ex.Message);
            return CommandLine.Failure;
        }
        catch (RequestValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync(failure.ErrorMessage);
            }

            return CommandLine.Failure;
        }
    }
}
