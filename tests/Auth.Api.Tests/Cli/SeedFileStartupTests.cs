using System.Globalization;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

/// <summary>
/// A seed file the server cannot use stops the start as an operator can read it: exit code 1 and one line on
/// standard error naming the file, never an unhandled exception's stack trace. Runs the real executable.
/// </summary>
public sealed class SeedFileStartupTests
{
    private TestStore _store = null!;

    [OneTimeSetUp]
    public async Task CreateStore() => _store = await TestStore.CreateAsync(StoreKind.Sqlite);

    [OneTimeTearDown]
    public async Task DeleteStore() => await _store.DisposeAsync();

    [Test]
    public async Task A_missing_seed_file_stops_the_start_with_one_line_naming_it_and_exit_code_1()
    {
        var seedFile = Path.Combine(_store.DataDirectory, "no-such-folder", "seed.json");

        var outcome = await StartWithSeedFileAsync(seedFile);

        AssertOneLineNaming(outcome, seedFile);
        Assert.That(outcome.Error, Does.Contain("does not exist"));
    }

    [Test]
    public async Task A_seed_file_that_cannot_be_read_stops_the_start_with_one_line_naming_it_and_exit_code_1()
    {
        // A folder where the file should be: opening it fails as an unreadable file does (even for root).
        var seedFile = Directory.CreateDirectory(Path.Combine(_store.DataDirectory, "seed-folder.json")).FullName;

        var outcome = await StartWithSeedFileAsync(seedFile);

        AssertOneLineNaming(outcome, seedFile);
        Assert.That(outcome.Error, Does.Contain("could not be read"));
    }

    [Test]
    public async Task A_seed_file_with_a_refused_entry_stops_the_start_with_one_line_naming_it_and_exit_code_1()
    {
        var seedFile = Path.Combine(_store.DataDirectory, "refused.json");
        await File.WriteAllTextAsync(seedFile, """{ "clients": [ { "clientId": "no grant" } ] }""");

        var outcome = await StartWithSeedFileAsync(seedFile);

        AssertOneLineNaming(outcome, seedFile);
    }

    [TestCase("""{ "clients": [ { "clientId": "null-list", "clientSecret": "a-secret-of-some-length", "grantTypes": ["client_credentials"], "contacts": null } ] }""", "contacts")]
    [TestCase("""{ "clients": [ { "clientId": "null-list", "clientSecret": "a-secret-of-some-length", "grantTypes": ["client_credentials"], "requestUris": null } ] }""", "requestUris")]
    [TestCase("""{ "users": [ { "userName": null } ] }""", "userName")]
    [TestCase("""{ "scopes": null }""", "scopes")]
    public async Task A_null_where_the_seed_file_takes_none_stops_the_start_with_one_line_naming_the_member(string json, string member)
    {
        var seedFile = Path.Combine(_store.DataDirectory, $"null-{member}.json");
        await File.WriteAllTextAsync(seedFile, json);

        var outcome = await StartWithSeedFileAsync(seedFile);

        AssertOneLineNaming(outcome, seedFile);
        Assert.That(outcome.Error, Does.Contain("is not valid").And.Contain(member));
    }

    [Test]
    public async Task A_seed_file_cannot_mark_a_client_as_one_that_registered_itself()
    {
        var seedFile = Path.Combine(_store.DataDirectory, "self-registered.json");
        await File.WriteAllTextAsync(seedFile, """
            { "clients": [ { "clientId": "seeded-self", "clientSecret": "a-secret-of-some-length", "grantTypes": ["client_credentials"], "selfRegistered": true } ] }
            """);

        var read = Auth.Api.Seed.SeedFile.Read(seedFile);

        Assert.That(read.Clients.Single().SelfRegistered, Is.False, "only dynamic registration marks a client");
    }

    private Task<AuthExecutable.Outcome> StartWithSeedFileAsync(string seedFile) =>
        // Configuration arguments alone start the server, not a command. A port of its own, in case it did listen.
        AuthExecutable.RunAsync(_store,
            $"--Seed:File={seedFile}",
            $"--Urls=http://127.0.0.1:{LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture)}");

    private static void AssertOneLineNaming(AuthExecutable.Outcome outcome, string seedFile)
    {
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Error);
            Assert.That(lines, Has.Length.EqualTo(1), "one line on standard error:" + Environment.NewLine + outcome.Error);
            Assert.That(outcome.Error, Does.Contain(seedFile), "the line names the file");
            Assert.That(outcome.Error + outcome.Output, Does.Not.Contain("Unhandled exception").And.Not.Contain("   at "), "no stack trace");
        });
    }
}
