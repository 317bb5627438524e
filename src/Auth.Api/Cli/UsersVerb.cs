using Auth.Application.Users;
using Mediator;

namespace Auth.Api.Cli;

public static class UsersVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<ISender>();
        switch (arguments.Word(1).ToLowerInvariant())
        {
            case "list":
                foreach (var user in await sender.Send(new ListUsers(), cancellationToken))
                {
                    var state = !user.IsActive ? "disabled" : user.IsLockedOut ? "locked" : "active";
                    output.WriteLine($"{user.UserName}\t{state}\t{user.Email}\t{user.DisplayName}\t{user.Id}");
                }

                return 0;

            case "add":
                var definition = new UserDefinition
                {
                    UserName = arguments.Required("name"),
                    // --password-stdin keeps the password out of the process list and the shell history.
                    Password = arguments.Flag("password-stdin") ? await Console.In.ReadLineAsync(cancellationToken) : arguments.Value("password"),
                    DisplayName = arguments.Value("display-name"),
                    GivenName = arguments.Value("given-name"),
                    FamilyName = arguments.Value("family-name"),
                    Email = arguments.Value("email"),
                };
                var added = await sender.Send(new RegisterUser(definition), cancellationToken);
                if (!added.Succeeded)
                {
                    await Console.Error.WriteLineAsync(added.Error.Description);
                    return 1;
                }

                output.WriteLine($"User '{definition.UserName}' added.");
                return 0;

            case "disable":
                var disabled = await sender.Send(new DeactivateUser(arguments.Required("name")), cancellationToken);
                if (!disabled.Succeeded)
                {
                    await Console.Error.WriteLineAsync(disabled.Error.Description);
                    return 1;
                }

                output.WriteLine($"User '{arguments.Required("name")}' disabled; their sessions and tokens are revoked.");
                return 0;

            case "mfa" when arguments.Word(2).Equals("reset", StringComparison.OrdinalIgnoreCase):
                var reset = await sender.Send(new Application.Mfa.ResetSecondFactor(arguments.Required("name")), cancellationToken);
                if (!reset.Succeeded)
                {
                    await Console.Error.WriteLineAsync(reset.Error.Description);
                    return 1;
                }

                output.WriteLine(reset.Value
                    ? $"The authenticator and recovery codes of '{arguments.Required("name")}' are removed; their sessions end."
                    : $"'{arguments.Required("name")}' had no authenticator; their sessions end.");
                return 0;

            case "consents" when arguments.Word(2).Equals("withdraw", StringComparison.OrdinalIgnoreCase):
                var withdrawn = await sender.Send(new WithdrawConsent(arguments.Required("name"), arguments.Required("client")), cancellationToken);
                if (!withdrawn.Succeeded)
                {
                    await Console.Error.WriteLineAsync(withdrawn.Error.Description);
                    return 1;
                }

                output.WriteLine($"Consent withdrawn: {withdrawn.Value} authorizations and tokens revoked.");
                return 0;

            default:
                throw new CommandLineException("users takes list, add, disable, mfa reset or consents withdraw.");
        }
    }
}
