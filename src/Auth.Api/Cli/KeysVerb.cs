using System.CommandLine;
using System.Globalization;
using Auth.Application.Keys;

namespace Auth.Api.Cli;

public static class KeysVerb
{
    public static Command Create(VerbRunner runner) => new("keys", "The token signing keys.")
    {
        runner.Runs(new Command("list", "Each key's id, algorithm, creation time and state: signing, published until a time, or expired."), ListAsync),
        runner.Runs(new Command("rotate", "New signing key; the old one stays published until its tokens expire."), RotateAsync),
    };

    private static async Task<int> ListAsync(VerbContext verb)
    {
        foreach (var key in await verb.Sender.Send(new ListSigningKeys(), verb.CancellationToken))
        {
            var state = key.Signing ? "signing" : key.Published ? $"published until {key.RetiresAt:O}" : "expired";
            verb.Output.WriteLine($"{key.KeyId}\t{key.Algorithm}\tcreated {key.CreatedAt.ToString("O", CultureInfo.InvariantCulture)}\t{state}");
        }

        return 0;
    }

    private static async Task<int> RotateAsync(VerbContext verb)
    {
        var rotated = await verb.Sender.Send(new RotateSigningKey(), verb.CancellationToken);
        verb.Output.WriteLine($"New signing key {rotated.NewKeyId}; retired {string.Join(", ", rotated.RetiredKeyIds)}; deleted {rotated.DeletedKeyIds.Count} expired key(s).");
        verb.Output.WriteLine("Running servers pick the new key up within SigningKeys:RefreshInterval.");
        return 0;
    }
}
