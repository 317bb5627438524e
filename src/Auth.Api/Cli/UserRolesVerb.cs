using System.CommandLine;
using Auth.Application.Users;
using Auth.Domain.Users;

namespace Auth.Api.Cli;

/// <summary><c>users role</c>: the service's own roles (today the administrator role of the admin console), granted and withdrawn.</summary>
public static class UserRolesVerb
{
    public static Command Create(VerbRunner runner) => new("role", "The service's own roles: admin lets a user into the admin console (/admin).")
    {
        Change(runner, "grant", held: true, "Grant a role; the user enters the admin console at their next sign-in with a second factor."),
        Change(runner, "withdraw", held: false, "Withdraw a role; an administrator is out of the console at their next request."),
    };

    private static Command Change(VerbRunner runner, string name, bool held, string description)
    {
        var user = VerbOptions.Required("--name", "NAME", "The user.");
        var role = VerbOptions.Text("--role", "ROLE", $"The role: {string.Join(", ", UserRoles.All)} (default {UserRoles.Administrator}).");
        return runner.Runs(new Command(name, description) { user, role }, async verb =>
        {
            var roleName = verb.Value(role) ?? UserRoles.Administrator;
            var changed = await verb.Sender.Send(new SetUserRole(verb.Required(user), roleName, held), verb.CancellationToken);
            if (!changed.Succeeded)
            {
                return await verb.FailAsync(changed.Error);
            }

            verb.Output.WriteLine(changed.Value
                ? $"User '{verb.Required(user)}' {(held ? "now holds" : "no longer holds")} the {roleName} role."
                : $"User '{verb.Required(user)}' {(held ? "already held" : "did not hold")} the {roleName} role.");
            return 0;
        });
    }
}
