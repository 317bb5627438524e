using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// The real service, on Kestrel on a loopback port, through the real HTTP pipeline, against a real store.
/// </summary>
public sealed class AuthServer : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly Action<IServiceCollection>? _services;

    static AuthServer()
    {
        // Every host watches files (appsettings.json; wwwroot, for the stylesheet's asp-append-version), and a host's web
        // root watcher is not released when the host is disposed. On Linux each watcher is an inotify instance, of which
        // a user has 128: a test process that starts hundreds of servers runs out, and from then on every page fails
        // with 500 ("The configured user limit (128) on the number of inotify instances has been reached"). Polling
        // watchers take none. Set before the first host is built, for this whole test process.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private AuthServer(Factory factory, TestStore store, AdjustableClock clock, Uri baseAddress, Action<IServiceCollection>? services)
    {
        _factory = factory;
        _services = services;
        Store = store;
        Clock = clock;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public TestStore Store { get; }

    public AdjustableClock Clock { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <param name="services">Changes to the server's services after its own (an EF Core interceptor, a test double at an edge).</param>
    public static Task<AuthServer> StartAsync(TestStore store, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(store, settings, LoopbackPorts.Next(), services);

    private static async Task<AuthServer> StartAsync(TestStore store, IDictionary<string, string?>? settings, int port, Action<IServiceCollection>? services = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var all = new Dictionary<string, string?>
        {
            ["OAuth:Issuer"] = baseAddress.AbsoluteUri,
            ["Seed:File"] = TestSeed.WriteTo(store.DataDirectory),
            ["Logging:LogLevel:Default"] = "Warning",

            // Every test talks from 127.0.0.1; only the rate-limiting tests turn the per-IP limit on.
            ["RateLimiting:Enabled"] = "false",
        };
        foreach (var setting in store.Settings().Concat(FastKeyRotation.Settings()))
        {
            all[setting.Key] = setting.Value;
        }

        foreach (var setting in settings ?? new Dictionary<string, string?>())
        {
            all[setting.Key] = setting.Value;
        }

        var clock = new AdjustableClock();
        var factory = new Factory(all, clock, port, services);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        await Task.Run(factory.StartServer);
        return new AuthServer(factory, store, clock, baseAddress, services);
    }

    /// <summary>Stops this server and starts a new one on the same store, as an operator's restart would, with the same changes to its services.</summary>
    public async Task<AuthServer> RestartAsync(IDictionary<string, string?>? settings = null)
    {
        await StopAsync();
        return await StartAsync(Store, settings, BaseAddress.Port, _services);
    }

    public async Task StopAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Factory(IDictionary<string, string?> settings, AdjustableClock clock, int port, Action<IServiceCollection>? services) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var setting in settings)
            {
                builder.UseSetting(setting.Key, setting.Value);
            }

            builder.ConfigureServices(registered =>
            {
                registered.AddSingleton<TimeProvider>(clock);
                services?.Invoke(registered);
            });
            if (HostLogFile.Path is { } logFile)
            {
                builder.ConfigureLogging(logging => logging.AddProvider(new HostLogFile(logFile, port)));
            }
        }
    }
}
