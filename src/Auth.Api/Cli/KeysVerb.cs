using System.Globalization;
using Auth.Application.Keys;
using Mediator;

namespace Auth.Api.Cli;

public static class KeysVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<ISender>();
        switch (arguments.Word(1).ToLowerInvariant())
        {
            case "list":
                foreach (var key in await sender.Send(new ListSigningKeys(), cancellationToken))
                {
                    var state = key.Signing ? "signing" : key.Published ? $"published until {key.RetiresAt:O}" : "expired";
                    output.WriteLine($"{key.KeyId}\t{key.Algorithm}\tcreated {key.CreatedAt.ToString("O", CultureInfo.InvariantCulture)}\t{state}");
                }

                return 0;

            case "rotate":
                var rotated = await sender.Send(new RotateSigningKey(), cancellationToken);
                output.WriteLine($"New signing key {rotated.NewKeyId}; retired {string.Join(", ", rotated.RetiredKeyIds)}; deleted {rotated.DeletedKeyIds.Count} expired key(s).");
                output.WriteLine("Running servers pick the new key up within SigningKeys:RefreshInterval.");
                return 0;

            default:
                throw new CommandLineException("keys takes list or rotate.");
        }
    }
}
