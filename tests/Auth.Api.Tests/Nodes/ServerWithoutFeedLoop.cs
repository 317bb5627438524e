using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Infrastructure.AccessChanges;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Auth.Api.Tests.Nodes;

/// <summary>
/// A second server in this process beside a test server (the same store, issuer and seed) whose
/// <see cref="AccessChangeFeed"/> never runs its loop: the revocations it knows, it knows from the start-up read alone.
/// </summary>
internal sealed class ServerWithoutFeedLoop : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private ServerWithoutFeedLoop(Dictionary<string, string?> settings, Uri baseAddress)
    {
        _settings = settings;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }

    public static async Task<ServerWithoutFeedLoop> StartAsync(AuthServer beside)
    {
        var port = LoopbackPorts.Next();
        var settings = new Dictionary<string, string?>
        {
            ["OAuth:Issuer"] = beside.BaseAddress.AbsoluteUri,
            ["Seed:File"] = Path.Combine(beside.Store.DataDirectory, "seed.json"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimiting:Enabled"] = "false",
        };
        foreach (var setting in beside.Store.Settings())
        {
            settings[setting.Key] = setting.Value;
        }

        var server = new ServerWithoutFeedLoop(settings, new Uri($"http://127.0.0.1:{port}/"));
        server.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        await Task.Run(server.StartServer);
        return server;
    }

    public override async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var setting in _settings)
        {
            builder.UseSetting(setting.Key, setting.Value);
        }

        // The feed is registered as a hosted service through a factory (it is also a singleton); that one start is skipped.
        builder.ConfigureTestServices(services =>
        {
            for (var i = 0; i < services.Count; i++)
            {
                if (services[i] is { IsKeyedService: false, ImplementationFactory: { } create } && services[i].ServiceType == typeof(IHostedService))
                {
                    services[i] = ServiceDescriptor.Singleton<IHostedService>(provider => create(provider) is var service && service is AccessChangeFeed ? new Idle() : (IHostedService)service);
                }
            }
        });
    }

    private sealed class Idle : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
