using System.CommandLine;
using Auth.Application.IdentityProviders;

namespace Auth.Api.Cli;

/// <summary>
/// Registers, lists and removes the upstream identity providers people sign in with. Every node picks a change up
/// within IdentityProviders:RefreshInterval, without a restart. A client secret is never printed.
/// </summary>
public static class IdentityProvidersVerb
{
    public static Command Create(VerbRunner runner) => new("identity-providers",
        "Register, list and remove the upstream OpenID Connect providers (Microsoft Entra ID, Okta, others) people sign in with.")
    {
        runner.Runs(new Command("list", "One tab-separated line per provider: id, kind, issuer, client id, authentication, domains, linking rules, enabled."), ListAsync),
        Add(runner),
        Remove(runner),
        Certificate(runner),
    };

    private static async Task<int> ListAsync(VerbContext verb)
    {
        foreach (var p in await verb.Sender.Send(new ListIdentityProviders(), verb.CancellationToken))
        {
            var authentication = p.SigningKeyId is null ? p.ClientAuthentication : $"{p.ClientAuthentication}({p.SigningKeyId})";
            verb.Output.WriteLine(string.Join('\t', p.Id, p.Kind, p.Issuer, p.ClientId, authentication,
                $"domains={string.Join(',', p.Domains)}", $"rules={string.Join(',', p.Rules)}", p.Enabled ? "enabled" : "disabled", p.DisplayName));
        }

        return 0;
    }

    private static Command Add(VerbRunner runner)
    {
        var options = new IdentityProviderOptions();
        var command = new Command("add",
            "Register a provider with the rules of a seed-file entry (identityProviders[]); an id that exists is refused unless --replace. " +
            "With private_key_jwt, prints the certificate to give the upstream application.");
        options.AddTo(command);
        return runner.Runs(command, async verb =>
        {
            var definition = await options.ReadAsync(verb);
            var added = await verb.Sender.Send(new RegisterIdentityProvider(definition, verb.Value(options.Replace)), verb.CancellationToken);
            if (!added.Succeeded)
            {
                return await verb.FailAsync(added.Error);
            }

            verb.Output.WriteLine($"Identity provider '{definition.Id}' {added.Value.ToString().ToLowerInvariant()}.");
            if (definition.ClientAuthentication == IdentityProviderNames.PrivateKeyJwt)
            {
                return await PrintCertificateAsync(verb, definition.Id);
            }

            return 0;
        });
    }

    private static Command Remove(VerbRunner runner)
    {
        var id = VerbOptions.Required("--id", "ID", "The provider to remove.");
        var command = new Command("remove", "Remove a provider with its domains and links, and end the sessions begun through it.") { id };
        return runner.Runs(command, async verb =>
        {
            var removed = await verb.Sender.Send(new RemoveIdentityProvider(verb.Required(id)), verb.CancellationToken);
            if (!removed.Succeeded)
            {
                return await verb.FailAsync(removed.Error);
            }

            verb.Output.WriteLine($"Identity provider '{removed.Value}' removed, with its links and sessions.");
            return 0;
        });
    }

    private static Command Certificate(VerbRunner runner)
    {
        var id = VerbOptions.Required("--id", "ID", "A provider that uses private_key_jwt.");
        var command = new Command("certificate", "Print the certificate (PEM) of a private_key_jwt provider's key, to give the upstream application.") { id };
        return runner.Runs(command, verb => PrintCertificateAsync(verb, verb.Required(id)));
    }

    private static async Task<int> PrintCertificateAsync(VerbContext verb, string id)
    {
        var provider = (await verb.Sender.Send(new ListIdentityProviders(), verb.CancellationToken)).FirstOrDefault(p => p.Id == id);
        if (provider?.CertificatePem is not { } pem)
        {
            await verb.ErrorOutput.WriteLineAsync($"No identity provider '{id}' signs with a key of this service (private_key_jwt).");
            return CommandLine.Failure;
        }

        verb.Output.WriteLine(pem);
        return 0;
    }
}
