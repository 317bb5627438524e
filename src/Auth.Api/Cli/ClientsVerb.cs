using Auth.Application.Clients;
using Mediator;

namespace Auth.Api.Cli;

public static class ClientsVerb
{
    private static int? Seconds(CommandArguments arguments, string option) =>
        arguments.Value(option) is { } seconds
            ? int.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new CommandLineException($"--{option} takes a number of seconds.")
            : null;

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
                    AccessTokenLifetime = Seconds(arguments, "access-token-lifetime"),
                    RefreshTokenLifetime = Seconds(arguments, "refresh-token-lifetime"),
                    RefreshTokenAbsoluteLifetime = Seconds(arguments, "refresh-token-absolute-lifetime"),
                    FirstParty = !arguments.Flag("third-party"),
                    RequirePkce = !arguments.Flag("no-pkce"),
                    RequireMfa = arguments.Flag("require-mfa"),
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

            case "token":
                TimeSpan? days = arguments.Value("days") is { } text
                    ? int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsedDays) ? TimeSpan.FromDays(parsedDays) : throw new CommandLineException("--days takes a number of days.")
                    : null;
                // Outside the server the key ring is not loaded yet: the token is signed with the current key.
                await sender.Send(new Application.Keys.EnsureSigningKey(), cancellationToken);
                await services.GetRequiredService<Infrastructure.Keys.SigningKeyRing>().ReloadAsync(cancellationToken);
                var issued = await services.GetRequiredService<OAuth.ProvisioningTokenIssuer>().IssueAsync(
                    arguments.Required("id"), arguments.Value("scope") ?? "scim", days, cancellationToken);
                if (!issued.Succeeded)
                {
                    await Console.Error.WriteLineAsync(issued.Error.Description);
                    return 1;
                }

                // The token alone on standard output, so it can be piped; when it expires goes to standard error.
                output.WriteLine(issued.Value.Token);
                await Console.Error.WriteLineAsync($"Expires {issued.Value.ExpiresAt:O}. Revoke it with POST /oauth/revoke, or by removing the client.");
                return 0;

            default:
                throw new CommandLineException("clients takes list, add, remove or token.");
        }
    }
}
