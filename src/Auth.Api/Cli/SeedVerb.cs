using System.CommandLine;
using Auth.Api.Seed;
using Auth.Application.Seed;

namespace Auth.Api.Cli;

public static class SeedVerb
{
    public static Command Create(VerbRunner runner)
    {
        var file = VerbOptions.Required("--file", "PATH", "The seed file (JSON; comments and trailing commas allowed).");
        return runner.Runs(new Command("seed", "Apply a seed file (scopes, clients, identity providers, users) idempotently.") { file }, async verb =>
        {
            var document = SeedFile.Read(verb.Required(file));
            var result = await verb.Sender.Send(new ApplySeed(document), verb.CancellationToken);
            if (!result.Succeeded)
            {
                return await verb.FailAsync(result.Error);
            }

            verb.Output.WriteLine($"Seed applied: {result.Value.Created} created, {result.Value.Updated} updated, {result.Value.Unchanged} unchanged.");
            return 0;
        });
    }
}
