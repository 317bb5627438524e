using Auth.Application.Behaviours;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Auth.Api.Cli;

/// <summary>
/// Operator verbs run through the same executable as the server (<c>Auth.Api clients add ...</c>), against the
/// same configuration and store, without starting the web server.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<IServiceProvider, CommandArguments, TextWriter, CancellationToken, Task<int>>> Verbs =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["migrate"] = MigrateVerb.RunAsync,
            ["seed"] = SeedVerb.RunAsync,
            ["clients"] = ClientsVerb.RunAsync,
            ["keys"] = KeysVerb.RunAsync,
            ["users"] = UsersVerb.RunAsync,
            ["audit"] = AuditVerb.RunAsync,
            ["help"] = (_, _, output, _) => { output.WriteLine(Usage); return Task.FromResult(0); },
        };

    public const string Usage = """
        Usage: Auth.Api [verb] [options]   (no verb: run the server)

          migrate                          apply pending database migrations
          seed --file PATH                 apply a seed file (scopes, clients, users) idempotently
          clients list
          clients add --id ID [--secret SECRET] [--name NAME] --grant TYPE [--grant TYPE]
                      [--scope SCOPE]... [--redirect-uri URI]... [--post-logout-redirect-uri URI]...
                      [--access-token-lifetime SECONDS] [--refresh-token-lifetime SECONDS]
                      [--refresh-token-absolute-lifetime SECONDS] [--third-party] [--no-pkce] [--require-mfa]
          clients remove --id ID
          clients token --id ID [--scope SCOPE] [--days DAYS]
                                           a long-lived access token (default: scim scope, and as long as
                                           SigningKeys:MaximumTokenLifetime allows, 31 days unless raised) to paste
                                           into Okta's or Microsoft Entra ID's SCIM connector
          users list
          users add --name NAME [--password PASSWORD | --password-stdin] [--display-name NAME]
                    [--given-name NAME] [--family-name NAME] [--email ADDRESS]
          users disable --name NAME        the user can no longer sign in; sessions and tokens are revoked
          users mfa reset --name NAME       remove the user's authenticator and recovery codes (lost device)
          users consents withdraw --name NAME --client ID
                                           forget the user's consent to a client and revoke its tokens
          keys list
          keys rotate                      new signing key; the old one stays published until its tokens expire
          audit list [--type TYPE] [--outcome OUTCOME] [--subject USER_ID] [--client ID] [--since TIME]
                     [--until TIME] [--before ID] [--count N]
                                           the audit log, newest first (tab-separated; --before pages back)
        Configuration (store, master key) comes from appsettings.json and the environment, as for the server.
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.ContainsKey(args[0]);

    /// <summary>A verb's output is for scripts: its log lines go to standard error.</summary>
    public static WebApplicationBuilder LogToStandardErrorForCommands(this WebApplicationBuilder builder, string[] args)
    {
        if (IsCommand(args))
        {
            builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return builder;
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var output = Console.Out;
        try
        {
            var arguments = new CommandArguments(args);
            using var scope = app.Services.CreateScope();
            var services = scope.ServiceProvider;
            if (!arguments.Word(0).Equals("migrate", StringComparison.OrdinalIgnoreCase) &&
                !arguments.Word(0).Equals("help", StringComparison.OrdinalIgnoreCase) &&
                services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStartup)
            {
                await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            }

            var exitCode = await Verbs[arguments.Word(0)](services, arguments, output, CancellationToken.None);

            // The verb's audit events (client, key, user changes) are in the queue: write them before the process ends.
            await app.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
            return exitCode;
        }
        catch (CommandLineException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (RequestValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync(failure.ErrorMessage);
            }

            return 1;
        }
    }
}
