using System.CommandLine;
using Auth.Application.Consent;
using Auth.Application.Mfa;
using Auth.Application.Users;

namespace Auth.Api.Cli;

public static class UsersVerb
{
    public static Command Create(VerbRunner runner) => new("users", "Add, list and disable users; reset a second factor; withdraw a consent.")
    {
        runner.Runs(new Command("list", "One tab-separated line per user, by user name: name, state (active, locked or disabled), e-mail, display name, id."), ListAsync),
        Add(runner),
        Disable(runner),
        new Command("mfa", "The user's second factor.") { ResetMfa(runner) },
        new Command("consents", "What the user allowed third-party clients.") { WithdrawConsent(runner) },
    };

    private static async Task<int> ListAsync(VerbContext verb)
    {
        foreach (var user in await verb.Sender.Send(new ListUsers(), verb.CancellationToken))
        {
            var state = !user.IsActive ? "disabled" : user.IsLockedOut ? "locked" : "active";
            verb.Output.WriteLine($"{user.UserName}\t{state}\t{user.Email}\t{user.DisplayName}\t{user.Id}");
        }

        return 0;
    }

    private static Command Add(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The user name.");
        var password = VerbOptions.Text("--password", "PASSWORD", "The password; without one (or --password-stdin) the user cannot sign in.");
        var passwordStdin = VerbOptions.Flag("--password-stdin",
            "Read the password from the first line of standard input, out of the process list and the shell history.");
        var displayName = VerbOptions.Text("--display-name", "NAME", "The name claim (default: the user name).");
        var givenName = VerbOptions.Text("--given-name", "NAME", "The given_name claim.");
        var familyName = VerbOptions.Text("--family-name", "NAME", "The family_name claim.");
        var email = VerbOptions.Text("--email", "ADDRESS", "The email claim.");
        var command = new Command("add", "Add a user with the rules of a seed-file entry; a user name that exists is refused.")
        {
            name, password, passwordStdin, displayName, givenName, familyName, email,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(password) is not null && result.GetResult(passwordStdin) is not null)
            {
                result.AddError("Give --password or --password-stdin, not both.");
            }
        });
        return runner.Runs(command, async verb =>
        {
            var definition = new UserDefinition
            {
                UserName = verb.Required(name),
                Password = verb.Value(passwordStdin) ? await Console.In.ReadLineAsync(verb.CancellationToken) : verb.Value(password),
                DisplayName = verb.Value(displayName),
                GivenName = verb.Value(givenName),
                FamilyName = verb.Value(familyName),
                Email = verb.Value(email),
            };
            var added = await verb.Sender.Send(new RegisterUser(definition), verb.CancellationToken);
            if (!added.Succeeded)
            {
                return await verb.FailAsync(added.Error);
            }

            verb.Output.WriteLine($"User '{definition.UserName}' added.");
            return 0;
        });
    }

    private static Command Disable(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The user to disable.");
        return runner.Runs(new Command("disable", "The user can no longer sign in; their sessions, tokens and authorizations are revoked.") { name }, async verb =>
        {
            var disabled = await verb.Sender.Send(new DeactivateUser(verb.Required(name)), verb.CancellationToken);
            if (!disabled.Succeeded)
            {
                return await verb.FailAsync(disabled.Error);
            }

            verb.Output.WriteLine($"User '{verb.Required(name)}' disabled; their sessions and tokens are revoked.");
            return 0;
        });
    }

    private static Command ResetMfa(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The user who lost their authenticator.");
        return runner.Runs(new Command("reset", "Remove the user's authenticator and recovery codes (lost device); their sessions end.") { name }, async verb =>
        {
            var reset = await verb.Sender.Send(new ResetSecondFactor(verb.Required(name)), verb.CancellationToken);
            if (!reset.Succeeded)
            {
                return await verb.FailAsync(reset.Error);
            }

            verb.Output.WriteLine(reset.Value
                ? $"The authenticator and recovery codes of '{verb.Required(name)}' are removed; their sessions end."
                : $"'{verb.Required(name)}' had no authenticator; their sessions end.");
            return 0;
        });
    }

    private static Command WithdrawConsent(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The user.");
        var client = VerbOptions.Required("--client", "ID", "The client the user allowed.");
        return runner.Runs(new Command("withdraw", "Forget the user's consent to a client and revoke the client's tokens for the user.") { name, client }, async verb =>
        {
            var withdrawn = await verb.Sender.Send(new WithdrawConsent(verb.Required(name), verb.Required(client)), verb.CancellationToken);
            if (!withdrawn.Succeeded)
            {
                return await verb.FailAsync(withdrawn.Error);
            }

            verb.Output.WriteLine($"Consent withdrawn: {withdrawn.Value} authorizations and tokens revoked.");
            return 0;
        });
    }
}
