using Auth.Application.Clients;
using Mediator;

namespace Auth.Api.Cli;

public static class ClientsVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<ISender>();
        switch (arguments.Word(1).ToLowerInvariant())
        {
            case "list":
                foreach (var client in await sender.Send(new ListClients(), cancellationToken))
                {
                    output.WriteLine($"{client.ClientId}\t{client.ClientType}\tgrants={string.Join(',', client.GrantTypes)}\tscopes={string.Join(',', client.Scopes)}\t{client.DisplayName}");
                }

                return 0;

            case "add":
                var definition = new ClientDefinition
                {
                    ClientId = arguments.Required("id"),
                    ClientSecret = arguments.Value("secret"),
                    DisplayName = arguments.Value("name"),
                    GrantTypes = arguments.Values("grant"),
                    Scopes = arguments.Values("scope"),
                    RedirectUris = arguments.Values("redirect-uri"),
                    PostLogoutRedirectUris = arguments.Values("post-logout-redirect-uri"),
                    AccessTokenLifetime = arguments.Value("access-token-lifetime") is { } seconds
                        ? int.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new CommandLineException("--access-token-lifetime takes a number of seconds.")
                        : null,
                    FirstParty = !arguments.Flag("third-party"),
                    RequirePkce = !arguments.Flag("no-pkce"),
                };
                var added = await sender.Send(new RegisterClient(definition), cancellationToken);
                if (!added.Succeeded)
                {
                    await Console.Error.WriteLineAsync(added.Error.Description);
                    return 1;
                }

                output.WriteLine($"Client '{definition.ClientId}' added.");
                return 0;

            case "remove":
                var removed = await sender.Send(new RemoveClient(arguments.Required("id")), cancellationToken);
                if (!removed.Succeeded)
                {
                    await Console.Error.WriteLineAsync(removed.Error.Description);
                    return 1;
                }

                output.WriteLine($"Client '{removed.Value}' removed, with its tokens and authorizations.");
                return 0;

            default:
                throw new CommandLineException("clients takes list, add or remove.");
        }
    }
}
