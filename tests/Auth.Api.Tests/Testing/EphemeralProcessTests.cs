using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Testing;

/// <summary>
/// The executable with <c>--ephemeral</c>, as a test harness in any language runs it: one JSON line on standard output
/// when ready, logs on standard error, nothing written to disk; refused with a PostgreSQL connection string.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class EphemeralProcessTests
{
    [Test]
    public async Task The_executable_prints_one_ready_line_serves_the_seed_and_writes_nothing_to_disk()
    {
        var workingDirectory = TestScratch.NewFolder("ephemeral-cwd-");
        var seed = EphemeralSeed.Write();
        using var process = EphemeralExecutable.Start(workingDirectory.FullName, "--ephemeral", "--urls", "http://127.0.0.1:0", $"--Seed:File={seed}");
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var ready = JsonDocument.Parse(line!).RootElement;
            var issuer = new Uri(ready.GetProperty("issuer").GetString()!);
            using var http = new HttpClient { BaseAddress = issuer };
            using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
            var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative))).RootElement;

            Assert.Multiple(() =>
            {
                Assert.That(ready.GetProperty("status").GetString(), Is.EqualTo("ready"));
                Assert.That(issuer.Host, Is.EqualTo("127.0.0.1"));
                Assert.That(ready.GetProperty("port").GetInt32(), Is.EqualTo(issuer.Port).And.GreaterThan(0));
                Assert.That(ready.GetProperty("urls").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { $"http://127.0.0.1:{issuer.Port}" }));
                Assert.That(ready.GetProperty("clients").EnumerateArray().Select(c => c.GetString()),
                    Is.EquivalentTo(new[] { EphemeralSeed.WebApp, EphemeralSeed.Service, EphemeralSeed.Api, EphemeralSeed.Admin }));
                Assert.That(ready.GetProperty("pid").GetInt32(), Is.EqualTo(process.Id));
                Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(discovery.GetProperty("issuer").GetString(), Is.EqualTo(issuer.AbsoluteUri));
            });
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await process.StandardOutput.ReadToEndAsync(), Is.Empty, "standard output carries the ready line alone");
            Assert.That(await errors, Does.Contain("EPHEMERAL MODE"), "the loud warning");
            Assert.That(workingDirectory.EnumerateFileSystemInfos(), Is.Empty, "no data folder, database or key file");
            Assert.That(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(seed)!), Is.EqualTo(new[] { seed }));
        });
    }

    [Test]
    public async Task Ephemeral_mode_is_refused_with_a_postgres_connection_string()
    {
        var workingDirectory = TestScratch.NewFolder("ephemeral-cwd-");
        using var process = EphemeralExecutable.Start(workingDirectory.FullName, "--ephemeral", "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=1;Username=x");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Multiple(async () =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(1));
            Assert.That(await output, Is.Empty);
            Assert.That(await errors, Does.Contain("Ephemeral mode is refused with ConnectionStrings:Postgres"));
            Assert.That(await errors, Does.Not.Contain("   at "), "one line, no stack trace");
        });
    }
}
