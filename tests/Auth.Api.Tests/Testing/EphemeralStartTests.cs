using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Auth.Api.Startup;
using Auth.Api.Tests.Hosting;
using Auth.Infrastructure.IdentityProviders;
using Auth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Testing;

/// <summary>
/// What an ephemeral start leaves out or does sooner (issue #18, docs/performance.md "Ephemeral start-up"): no metrics
/// unless asked, the Data Protection key ring in memory, and Kestrel listening while the store is prepared with every
/// request held until it is ready.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class EphemeralStartTests
{
    [Test]
    public async Task Metrics_are_off_unless_asked_for()
    {
        await using var plain = await EphemeralInstance.StartAsync();
        await using var asked = await EphemeralInstance.StartAsync("--Metrics:Enabled=true");
        using var _ = await asked.Client.GetAsync(new Uri("/jwks.json", UriKind.Relative));

        using var off = await plain.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var on = await asked.Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await on.Content.ReadAsStringAsync(), Does.Contain("http_server_request_duration_seconds"));
        });
    }

    [Test]
    public async Task The_data_protection_key_ring_is_held_in_memory_and_still_protects_the_signing_key()
    {
        await using var server = await EphemeralInstance.StartAsync();
        var token = await server.ClientTokenAsync(EphemeralSeed.Service, EphemeralSeed.ServiceSecret, "orders.read");

        int ringRows, signingKeys;
        string storedKey;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            ringRows = await db.DataProtectionKeys.CountAsync();
            signingKeys = await db.SigningKeys.CountAsync();
            storedKey = (await db.SigningKeys.SingleAsync()).ProtectedPrivateKey;
        }

        Assert.Multiple(async () =>
        {
            Assert.That(ringRows, Is.Zero, "the key ring is not written to the store");
            Assert.That(signingKeys, Is.EqualTo(1));
            Assert.That(storedKey, Does.Not.StartWith("MII"), "the signing key is stored protected, not as plain PKCS#8");
            Assert.That(await server.IsActiveAsync(token), Is.True, "a token it signed is accepted");
        });
    }

    [Test]
    public async Task Identity_providers_the_seed_file_or_configuration_declares_are_loaded_before_the_first_request()
    {
        var folder = TestScratch.NewFolder("ephemeral-seed-");
        var seed = Path.Combine(folder.FullName, "seed.json");
        await File.WriteAllTextAsync(seed, """
            { "identityProviders": [ { "id": "seeded-idp", "displayName": "Seeded", "issuer": "http://127.0.0.1:9/",
                                       "clientId": "auth", "clientSecret": "seeded-idp-secret-0123", "linking": { "justInTime": true } } ] }
            """);
        await using var none = await EphemeralInstance.StartAsync();
        await using var seeded = await EphemeralInstance.StartAsync($"--Seed:File={seed}");
        await using var configured = await EphemeralInstance.StartAsync(
            "--IdentityProviders:Definitions:configured-idp:DisplayName=Configured",
            "--IdentityProviders:Definitions:configured-idp:Issuer=http://127.0.0.1:9/",
            "--IdentityProviders:Definitions:configured-idp:ClientId=auth",
            "--IdentityProviders:Definitions:configured-idp:ClientSecret=configured-idp-secret-0123",
            "--IdentityProviders:Definitions:configured-idp:Linking:JustInTime=true");

        static string[] Loaded(EphemeralInstance server) =>
            [.. server.Services.GetRequiredService<IdentityProviderCatalog>().Providers.Select(p => p.Id)];

        Assert.Multiple(() =>
        {
            Assert.That(Loaded(none), Is.Empty);
            Assert.That(Loaded(seeded), Is.EqualTo(new[] { "seeded-idp" }));
            Assert.That(Loaded(configured), Is.EqualTo(new[] { "configured-idp" }));
        });
    }

    [Test]
    public async Task Requests_sent_as_soon_as_the_port_listens_are_answered_from_the_seeded_store()
    {
        var port = LoopbackPorts.Next();
        var workingDirectory = TestScratch.NewFolder("ephemeral-cwd-");
        using var process = EphemeralExecutable.Start(workingDirectory.FullName, "--ephemeral", "--urls", $"http://127.0.0.1:{port}", $"--Seed:File={EphemeralSeed.Write()}");
        var errors = process.StandardError.ReadToEndAsync();
        var readyLine = process.StandardOutput.ReadLineAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            // As a harness that polls the port instead of reading the ready line: connect as early as possible.
            var deadline = Stopwatch.StartNew();
            HttpResponseMessage? first = null;
            var answeredBeforeReadyLine = false;
            while (first is null && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    var sentBeforeReadyLine = !readyLine.IsCompleted;
                    first = await http.SendAsync(TokenRequest());
                    answeredBeforeReadyLine = sentBeforeReadyLine;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(2);
                }
            }

            using var firstResponse = first ?? throw new AssertionException("The port never listened: " + await errors);
            var more = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => http.SendAsync(TokenRequest())));
            var body = JsonDocument.Parse(await firstResponse.Content.ReadAsStringAsync()).RootElement;
            TestContext.Out.WriteLine($"first request sent before the ready line: {answeredBeforeReadyLine}");

            Assert.Multiple(() =>
            {
                Assert.That(firstResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
                Assert.That(body.TryGetProperty("access_token", out _), Is.True);
                Assert.That(more.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
            });
            foreach (var response in more)
            {
                response.Dispose();
            }

            Assert.That(await readyLine.WaitAsync(TimeSpan.FromSeconds(30)), Does.Contain("\"status\":\"ready\""));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Test]
    public async Task A_held_request_goes_on_once_the_store_is_ready()
    {
        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await HoldingAppAsync(ready.Task);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var pending = http.GetAsync(new Uri("/probe", UriKind.Relative));
        var finishedWhileHeld = await Task.WhenAny(pending, Task.Delay(300)) == pending;
        ready.SetResult(true);
        using var response = await pending;

        Assert.Multiple(async () =>
        {
            Assert.That(finishedWhileHeld, Is.False, "no answer before the store is ready");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("probed"));
        });
    }

    [TestCase(false)]
    [TestCase(null)]
    public async Task A_held_request_is_refused_503_when_the_store_could_not_be_prepared(bool? outcome)
    {
        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await HoldingAppAsync(ready.Task);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var pending = http.GetAsync(new Uri("/probe", UriKind.Relative));
        await Task.Delay(100);
        if (outcome is { } result)
        {
            ready.SetResult(result);
        }
        else
        {
            ready.SetException(new InvalidOperationException("the seed was refused"));
        }

        using var response = await pending;
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("temporarily_unavailable"));
            Assert.That(body.ToString(), Does.Not.Contain("seed"), "nothing of the failure reaches the caller");
        });
    }

    [Test]
    public async Task Liveness_goes_through_once_the_keys_are_in_so_the_server_warms_its_first_request_while_the_store_is_prepared()
    {
        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var keysIn = false;
        await using var app = await HoldingAppAsync(ready.Task, () => Volatile.Read(ref keysIn));
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var held = http.GetAsync(new Uri("/probe", UriKind.Relative));
        var liveBeforeKeys = http.GetAsync(new Uri(Routes.Liveness, UriKind.Relative));
        var liveAnsweredBeforeKeys = await Task.WhenAny(liveBeforeKeys, Task.Delay(300)) == liveBeforeKeys;

        Volatile.Write(ref keysIn, true);
        var warmUp = await FirstRequestWarmUp.SendAsync(app, CancellationToken.None);
        var probeAnsweredWhileHeld = held.IsCompleted;
        ready.SetResult(false);
        using var refused = await held;
        using var heldLive = await liveBeforeKeys;
        using var liveAfterFailure = await http.GetAsync(new Uri(Routes.Liveness, UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(liveAnsweredBeforeKeys, Is.False, "before the keys, liveness is held like the rest");
            Assert.That(warmUp, Is.EqualTo(StatusCodes.Status200OK), "the warm-up's liveness request answered before the store is ready");
            Assert.That(probeAnsweredWhileHeld, Is.False, "every other request still held");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(heldLive.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "held before the keys, it shares the held requests' outcome");
            Assert.That(liveAfterFailure.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "a failed start is not alive");
        });
    }

    [Test]
    public async Task The_warm_up_needs_an_http_address()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();

        Assert.That(await FirstRequestWarmUp.SendAsync(app, CancellationToken.None), Is.Null, "not started: no address");
    }

    [Test]
    public async Task The_hosted_services_write_once_the_store_is_ready()
    {
        // The seed's audit records are queued while the store is prepared; the audit writer, held until then, writes them.
        await using var server = await EphemeralInstance.StartAsync();

        var written = await Eventually.ReadAsync(async () =>
        {
            using var scope = server.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.CountAsync();
        }, count => count > 0, TimeSpan.FromSeconds(10));

        Assert.That(written, Is.GreaterThan(0));
    }

    private static async Task<WebApplication> HoldingAppAsync(Task<bool> ready, Func<bool>? alive = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{LoopbackPorts.Next()}");
        var app = builder.Build();
        app.HoldRequestsUntil(ready, alive ?? (() => true));
        app.MapGet("/probe", () => "probed");
        app.MapGet(Routes.Liveness, () => "alive");
        await app.StartAsync();
        return app;
    }

    private static HttpRequestMessage TokenRequest() => new(HttpMethod.Post, new Uri("/oauth/token", UriKind.Relative))
    {
        Headers =
        {
            Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{EphemeralSeed.Service}:{EphemeralSeed.ServiceSecret}"))),
        },
        Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "orders.read" }),
    };
}
