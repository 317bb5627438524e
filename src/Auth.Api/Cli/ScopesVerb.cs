using System.CommandLine;
using Auth.Application.Clients;
using Auth.Application.Scopes;

namespace Auth.Api.Cli;

/// <summary>
/// The API scopes clients may ask for, and the resources (token audiences) each stands for. Running servers pick up a
/// change within a second (ADR 0012).
/// </summary>
public static class ScopesVerb
{
    public static Command Create(VerbRunner runner) => new("scopes", "Register, list and remove API scopes.")
    {
        runner.Runs(new Command("list", "One tab-separated line per registered scope, by name: name, display name, resources (comma-separated, - when none)."), ListAsync),
        Add(runner),
        Remove(runner),
    };

    private static async Task<int> ListAsync(VerbContext verb)
    {
        foreach (var scope in await verb.Sender.Send(new ListScopes(), verb.CancellationToken))
        {
            var resources = scope.Resources.Count == 0 ? "-" : string.Join(',', scope.Resources);
            verb.Output.WriteLine(string.Join('\t', scope.Name, scope.DisplayName ?? scope.Name, resources));
        }

        return 0;
    }

    private static Command Add(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The scope, one token without spaces (RFC 6749 §3.3), e.g. orders.read.");
        var displayName = VerbOptions.Text("--display-name", "TEXT", "What the consent page says the scope allows (default: the name).");
        var description = VerbOptions.Text("--description", "TEXT", "A longer description, for operators.");
        var resources = VerbOptions.List("--resource", "RESOURCE", "A resource (API) the scope stands for: the audience of tokens that carry it.");
        var replace = VerbOptions.Flag("--replace",
            "Bring an existing scope with this name in line with these options, as a seed file does (what is left out is cleared), instead of refusing it.");
        var command = new Command("add", "Register a scope with the rules of a seed-file entry; a name that exists is refused unless --replace.")
        {
            name, displayName, description, resources, replace,
        };
        return runner.Runs(command, async verb =>
        {
            var definition = new ScopeDefinition
            {
                Name = verb.Required(name),
                DisplayName = verb.Value(displayName),
                Description = verb.Value(description),
                Resources = verb.Value(resources) ?? [],
            };
            var added = await verb.Sender.Send(new RegisterScope(definition, verb.Value(replace)), verb.CancellationToken);
            if (!added.Succeeded)
            {
                return await verb.FailAsync(added.Error);
            }

            verb.Output.WriteLine($"Scope '{definition.Name}' {(added.Value == ChangeOutcome.Created ? "added" : added.Value.ToString().ToLowerInvariant())}.");
            return 0;
        });
    }

    private static Command Remove(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The scope to remove.");
        var command = new Command("remove",
            "Remove a scope. Refused while a client is allowed it (the clients are named), and for the built-in scopes (openid, profile, email, " +
            "offline_access, groups, mfa).") { name };
        return runner.Runs(command, async verb =>
        {
            var removed = await verb.Sender.Send(new RemoveScope(verb.Required(name)), verb.CancellationToken);
            if (!removed.Succeeded)
            {
                return await verb.FailAsync(removed.Error);
            }

            verb.Output.WriteLine($"Scope '{removed.Value}' removed.");
            return 0;
        });
    }
}
