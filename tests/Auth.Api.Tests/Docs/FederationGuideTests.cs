using System.Diagnostics;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Docs;

/// <summary>
/// docs/federation.md works as written where it can without a real Entra ID or Okta tenant: its command adds a provider,
/// and its seed entries are accepted by the service's own executable (with the SCIM clients they name), on each store.
/// </summary>
[TestFixtureSource(typeof(Stores), nameof(Stores.All))]
public sealed class FederationGuideTests(StoreKind storeKind)
{
    private const string Page = "docs/federation.md";
    private const string DocumentedExecutable = "dotnet artifacts/auth/Auth.Api.dll";

    [Test]
    public async Task The_guides_command_and_seed_entries_are_accepted()
    {
        var blocks = RecipeBlock.Read(Path.Combine(Repository.Root, Page), Page);
        var command = blocks.Single(b => b.Language == "sh" && b.Text.Contains("identity-providers add", StringComparison.Ordinal));
        var seeds = blocks.Concat(RecipeBlock.Read(Path.Combine(Repository.Root, "README.md"), "README.md"))
            .Where(b => b.Language == "json" && b.Text.Contains("\"identityProviders\"", StringComparison.Ordinal)).ToList();
        Assert.That(seeds, Has.Count.EqualTo(3), "the guide's Entra ID and Okta entries, and the README's");

        await using var store = await TestStore.CreateAsync(storeKind);

        // The entries name the SCIM clients that provision the providers' people, which a deployment registers first.
        var clients = await SeedAsync(store, "clients", new JsonArray(ProvisioningClient("entra-provisioning"), ProvisioningClient("okta-provisioning")));
        Assert.That(clients.ExitCode, Is.Zero, clients.Error);
        var commandRun = await RunShellAsync(store, command.Text);
        Assert.That(commandRun.ExitCode, Is.Zero, $"{command.Where}: {commandRun.Error}");
        foreach (var block in seeds)
        {
            var seeded = await SeedAsync(store, "identityProviders", JsonNode.Parse(block.Text)!["identityProviders"]!.AsArray().DeepClone().AsArray());
            Assert.That(seeded.ExitCode, Is.Zero, $"{block.Where}: {seeded.Error}");
        }

        var listed = await AuthExecutable.RunAsync(store, "identity-providers", "list");

        Assert.Multiple(() =>
        {
            Assert.That(listed.Output, Does.Contain("contoso\tentra\thttps://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0\t11111111-1111-1111-1111-111111111111\tprivate_key_jwt("));
            Assert.That(listed.Output, Does.Contain("example-okta\tokta\thttps://example.okta.com/oauth2/default\t0oa1example\tclient_secret_basic\tdomains=example.com\trules=externalId\tenabled"));
            Assert.That(commandRun.Output + listed.Output, Does.Not.Contain("from-the-okta-application").And.Not.Contain(CommandSecret));
        });
    }

    private const string CommandSecret = "okta-secret-from-the-guide-test";

    private static async Task<AuthExecutable.Outcome> SeedAsync(TestStore store, string member, JsonArray entries)
    {
        var seedFile = Path.Combine(store.DataDirectory, $"federation-guide-{member}.json");
        await File.WriteAllTextAsync(seedFile, new JsonObject { [member] = entries }.ToJsonString());
        return await AuthExecutable.RunAsync(store, "seed", "--file", seedFile);
    }

    private static JsonObject ProvisioningClient(string id) => new()
    {
        ["clientId"] = id,
        ["clientSecret"] = id + "-secret-0042",
        ["grantTypes"] = new JsonArray("client_credentials"),
    };

    private static async Task<AuthExecutable.Outcome> RunShellAsync(TestStore store, string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-euo");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script.Replace(DocumentedExecutable, "dotnet " + typeof(Program).Assembly.Location, StringComparison.Ordinal));
        foreach (var setting in store.Settings())
        {
            start.Environment[setting.Key.Replace(":", "__", StringComparison.Ordinal)] = setting.Value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["OKTA_SECRET"] = CommandSecret;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new AuthExecutable.Outcome(process.ExitCode, await output, await error);
    }
}
