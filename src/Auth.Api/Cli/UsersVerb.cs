using System.CommandLine;
using Auth.Api.OAuth;
using Auth.Api.SignIn;
using Auth.Application.Consent;
using Auth.Application.Mfa;
using Auth.Application.Users;
using Microsoft.Extensions.Options;

namespace Auth.Api.Cli;

public static class UsersVerb
{
    public static Command Create(VerbRunner runner) => new("users",
        "Add, list, disable and enable users; unlock them, set their passwords or give them a one-time link to set one, list and end their sessions; grant or withdraw the admin role; reset a second factor; withdraw a consent.")
    {
        runner.Runs(new Command("list", "One tab-separated line per user, by user name: name, state (active, locked or disabled), e-mail, display name, id."), ListAsync),
        Add(runner),
        Disable(runner),
        Enable(runner),
        Unlock(runner),
        new Command("password", "The user's password.") { SetPassword(runner), PasswordLink(runner) },
        UserSessionsVerb.Create(runner),
        UserRolesVerb.Create(runner),
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
        var password = new PasswordOptions("The password; without one (or --password-stdin) the user cannot sign in.");
        var displayName = VerbOptions.Text("--display-name", "NAME", "The name claim (default: the user name).");
        var givenName = VerbOptions.Text("--given-name", "NAME", "The given_name claim.");
        var familyName = VerbOptions.Text("--family-name", "NAME", "The family_name claim.");
        var email = VerbOptions.Text("--email", "ADDRESS", "The email claim.");
        var command = new Command("add", "Add a user with the rules of a seed-file entry; a user name that exists is refused.")
        {
            name, displayName, givenName, familyName, email,
        };
        password.AddTo(command);
        return runner.Runs(command, async verb =>
        {
            var definition = new UserDefinition
            {
                UserName = verb.Required(name),
                Password = await password.ReadAsync(verb),
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

    private static Command Enable(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The user to enable.");
        var command = new Command("enable",
            "A disabled user can sign in again. What disabling revoked (sessions, tokens, consents) stays revoked: the user signs in afresh.") { name };
        return runner.Runs(command, async verb =>
        {
            var enabled = await verb.Sender.Send(new EnableUser(verb.Required(name)), verb.CancellationToken);
            if (!enabled.Succeeded)
            {
                return await verb.FailAsync(enabled.Error);
            }

            verb.Output.WriteLine(enabled.Value ? $"User '{verb.Required(name)}' enabled." : $"User '{verb.Required(name)}' was not disabled.");
            return 0;
        });
    }

    private static Command Unlock(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The locked-out user.");
        var command = new Command("unlock", "Lift a lockout after too many wrong passwords: the user signs in with the right one at once.") { name };
        return runner.Runs(command, async verb =>
        {
            var unlocked = await verb.Sender.Send(new UnlockUser(verb.Required(name)), verb.CancellationToken);
            if (!unlocked.Succeeded)
            {
                return await verb.FailAsync(unlocked.Error);
            }

            verb.Output.WriteLine(unlocked.Value ? $"User '{verb.Required(name)}' unlocked." : $"User '{verb.Required(name)}' was not locked out; the count of wrong passwords starts again.");
            return 0;
        });
    }

    private static Command SetPassword(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The user.");
        var password = new PasswordOptions("The new password, at least 8 characters.");
        var command = new Command("set",
            "Give the user a new password (the rules of users add). Their sessions end and every token and authorization issued to them is revoked.") { name };
        password.AddTo(command, required: true);
        return runner.Runs(command, async verb =>
        {
            var set = await verb.Sender.Send(new SetUserPassword(verb.Required(name), await password.ReadAsync(verb) ?? string.Empty), verb.CancellationToken);
            if (!set.Succeeded)
            {
                return await verb.FailAsync(set.Error);
            }

            verb.Output.WriteLine($"Password of '{verb.Required(name)}' set; their sessions and tokens are revoked.");
            return 0;
        });
    }

    private static Command PasswordLink(VerbRunner runner)
    {
        var name = VerbOptions.Required("--name", "NAME", "The user (a provisioned user without a password, or one who lost it).");
        var validFor = VerbOptions.Duration("--valid-for", "How long the link works, 5m to 7d (default: 24h).");
        var send = VerbOptions.Flag("--send", "E-mail the link to the user's primary address (Smtp settings) instead of printing it; the address it went to is printed.");
        var command = new Command("link",
            "Create a one-time \"set your password\" link for the user, printed alone on standard output, this once (only its hash is " +
            "stored), or with --send e-mailed to the user and not printed; its expiry goes to standard error. It replaces any earlier link. " +
            "Audited (user.password_link_created, user.password_link_sent).")
        {
            name, validFor, send,
        };
        return runner.Runs(command, async verb =>
        {
            var lifetime = verb.Value(validFor) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var issuer = verb.Services.GetRequiredService<IOptions<OAuthOptions>>().Value.Issuer;
            if (verb.Value(send))
            {
                var sent = await verb.Sender.Send(new SendPasswordSetupLink(verb.Required(name), PasswordSetupLinkUrl.Page(issuer), lifetime), verb.CancellationToken);
                if (!sent.Succeeded)
                {
                    return await verb.FailAsync(sent.Error);
                }

                verb.Output.WriteLine($"Sent to {sent.Value.SentTo}");
                await verb.ErrorOutput.WriteLineAsync($"The link works once, until {sent.Value.ExpiresAt:O}.");
                return 0;
            }

            var created = await verb.Sender.Send(new CreatePasswordSetupLink(verb.Required(name), lifetime), verb.CancellationToken);
            if (!created.Succeeded)
            {
                return await verb.FailAsync(created.Error);
            }

            verb.Output.WriteLine(PasswordSetupLinkUrl.For(issuer, created.Value.Token));
            await verb.ErrorOutput.WriteLineAsync($"The link works once, until {created.Value.ExpiresAt:O}.");
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
