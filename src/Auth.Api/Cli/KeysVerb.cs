using System.CommandLine;
using System.Globalization;
using Auth.Application.Keys;

namespace Auth.Api.Cli;

public static class KeysVerb
{
    public static Command Create(VerbRunner runner) => new("keys", "The token signing keys.")
    {
        runner.Runs(new Command("list", "Each key's id, algorithm, creation time and state: signing, signing from a time, published until a time, or expired."), ListAsync),
        runner.Runs(new Command("rotate", "New signing key, published now, signing from SigningKeys:PublishAhead on; the old one signs until then and stays published until its tokens expire."), RotateAsync),
    };

    private static async Task<int> ListAsync(VerbContext verb)
    {
        foreach (var key in await verb.Sender.Send(new ListSigningKeys(), verb.CancellationToken))
        {
            var state = key.Signing ? "signing"
                : !key.Published ? "expired"
                : key.RetiresAt is null ? $"signing from {Format(key.SignsFrom)}"
                : $"published until {Format(key.RetiresAt.Value)}";
            verb.Output.WriteLine($"{key.KeyId}\t{key.Algorithm}\tcreated {Format(key.CreatedAt)}\t{state}");
        }

        return 0;
    }

    private static async Task<int> RotateAsync(VerbContext verb)
    {
        var rotated = await verb.Sender.Send(new RotateSigningKey(), verb.CancellationToken);
        verb.Output.WriteLine($"New signing key {rotated.NewKeyId}, signing from {Format(rotated.SignsFrom)}; replaces {string.Join(", ", rotated.RetiredKeyIds)}; deleted {rotated.DeletedKeyIds.Count} expired key(s).");
        verb.Output.WriteLine("Running servers publish it within SigningKeys:RefreshInterval and all sign with it from that time on.");
        return 0;
    }

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
