using System.Globalization;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

/// <summary>Identity providers declared in configuration (IdentityProviders:Definitions:{id}:...), applied at start after the seed file.</summary>
public sealed class ConfiguredIdentityProvidersTests
{
    private const string Secret = "configured-client-secret-0042";

    [TestCaseSource(typeof(Stores), nameof(Stores.All))]
    public async Task A_provider_declared_in_configuration_is_registered_at_start_without_printing_its_secret(StoreKind storeKind)
    {
        await using var store = await TestStore.CreateAsync(storeKind);
        var settings = new Dictionary<string, string?>
        {
            ["IdentityProviders:Definitions:configured:DisplayName"] = "Configured",
            ["IdentityProviders:Definitions:configured:Kind"] = "okta",
            ["IdentityProviders:Definitions:configured:Issuer"] = "https://configured.okta.com",
            ["IdentityProviders:Definitions:configured:ClientId"] = "0oa3",
            ["IdentityProviders:Definitions:configured:ClientSecret"] = Secret,
            ["IdentityProviders:Definitions:configured:Scopes:0"] = "openid",
            ["IdentityProviders:Definitions:configured:Domains:0"] = "configured.example",
            ["IdentityProviders:Definitions:configured:Linking:UserName"] = "true",
        };
        await using (await AuthServer.StartAsync(store, settings))
        {
        }

        var listed = await AuthExecutable.RunAsync(store, "identity-providers", "list");

        Assert.That(listed.Output, Does.Contain("configured\tokta\thttps://configured.okta.com\t0oa3\tclient_secret_basic\tdomains=configured.example\trules=userName\tenabled"));
        Assert.That(listed.Output + listed.Error, Does.Not.Contain(Secret));
    }

    [Test]
    public async Task A_configured_provider_the_rules_refuse_stops_the_start_with_one_line_naming_it()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite);

        var outcome = await AuthExecutable.RunAsync(store,
            "--IdentityProviders:Definitions:broken:DisplayName=Broken",
            "--IdentityProviders:Definitions:broken:Issuer=http://broken.example.com",
            "--IdentityProviders:Definitions:broken:ClientId=x",
            $"--IdentityProviders:Definitions:broken:ClientSecret={Secret}",
            "--IdentityProviders:Definitions:broken:Linking:JustInTime=true",
            $"--Urls=http://127.0.0.1:{LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture)}");

        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Error);
            Assert.That(lines, Has.Length.EqualTo(1), outcome.Error);
            Assert.That(outcome.Error, Does.Contain("IdentityProviders:Definitions:broken: issuer:"));
            Assert.That(outcome.Error + outcome.Output, Does.Not.Contain(Secret));
        });
    }
}
