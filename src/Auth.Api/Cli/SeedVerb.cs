using Auth.Api.Seed;
using Auth.Application.Seed;
using Mediator;

namespace Auth.Api.Cli;

public static class SeedVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var document = SeedFile.Read(arguments.Required("file"));
        var result = await services.GetRequiredService<ISender>().Send(new ApplySeed(document), cancellationToken);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(result.Error.Description);
            return 1;
        }

        output.WriteLine($"Seed applied: {result.Value.Created} created, {result.Value.Updated} updated, {result.Value.Unchanged} unchanged.");
        return 0;
    }
}
