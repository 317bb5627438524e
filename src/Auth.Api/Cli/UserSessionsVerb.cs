using System.CommandLine;
using System.Globalization;
using Auth.Application.Sessions;

namespace Auth.Api.Cli;

/// <summary><c>users sessions</c>: a user's browser sessions, listed and ended one by one.</summary>
public static class UserSessionsVerb
{
    public static Command Create(VerbRunner runner) => new("sessions", "The user's browser sessions.") { List(runner), End(runner) };

    private static Command List(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The user.");
        var command = new Command("list",
            "One tab-separated line per session still in force, newest first: id, started, last seen (ISO 8601), and the clients it signed in to " +
            "(comma-separated, - when none).") { name };
        return runner.Runs(command, async verb =>
        {
            var sessions = await verb.Sender.Send(new ListUserSessions(verb.Required(name)), verb.CancellationToken);
            if (!sessions.Succeeded)
            {
                return await verb.FailAsync(sessions.Error);
            }

            foreach (var session in sessions.Value)
            {
                var clients = session.Clients.Count == 0 ? "-" : string.Join(',', session.Clients);
                verb.Output.WriteLine(string.Join('\t', session.Id, session.StartedAt.ToString("O", CultureInfo.InvariantCulture),
                    session.LastSeenAt.ToString("O", CultureInfo.InvariantCulture), clients));
            }

            return 0;
        });
    }

    private static Command End(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The user.");
        var id = VerbOptions.Required("--id", "ID", "The session, as users sessions list prints it.");
        var command = new Command("end", "End one of the user's sessions, as a logout would, on every node at its next request.") { name, id };
        return runner.Runs(command, async verb =>
        {
            var ended = await verb.Sender.Send(new EndUserSession(verb.Required(name), verb.Required(id)), verb.CancellationToken);
            if (!ended.Succeeded)
            {
                return await verb.FailAsync(ended.Error);
            }

            verb.Output.WriteLine("Session ended.");
            return 0;
        });
    }
}
