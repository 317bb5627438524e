using Auth.Application.Keys;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Auth.Api.Testing;

public static partial class EphemeralModeRegistration
{
    /// <summary>
    /// Ephemeral mode, when asked: its defaults under whatever the environment and command line say (loopback on a
    /// free port with the issuer following it, rate limiting off), logs on standard error so standard output carries
    /// the ready line alone, and the adjustable clock. Refused with a PostgreSQL connection string.
    /// </summary>
    public static WebApplicationBuilder UseEphemeralModeWhenAsked(this WebApplicationBuilder builder)
    {
        var isOn = builder.Configuration.GetValue<bool>(EphemeralMode.Setting);
        builder.Services.AddSingleton(new EphemeralMode(isOn));
        if (!isOn)
        {
            return builder;
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(Infrastructure.Persistence.StorageOptions.PostgresConnectionStringName)))
        {
            throw new EphemeralModeRefusedException("Ephemeral mode is refused with ConnectionStrings:Postgres set: its state lives in memory only. Remove one of the two.");
        }

        var sources = builder.Configuration.Sources;
        var underOverrides = sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is JsonConfigurationSource).index + 1;
        sources.Insert(underOverrides, Defaults(new() { ["urls"] = "http://127.0.0.1:0", ["RateLimiting:Enabled"] = "false", ["Metrics:Enabled"] = "false" }));

        var address = ReserveListenAddress(builder.Configuration["urls"], out var reserved);
        if (address is not null)
        {
            builder.Configuration["urls"] = address.AbsoluteUri.TrimEnd('/');
            sources.Insert(underOverrides, Defaults(new() { ["OAuth:Issuer"] = address.AbsoluteUri }));
        }

        if (reserved is not null)
        {
            // Kestrel listens on the reserved socket. The container owns it once the host is built (WebApplication
            // resolves the server, so its transport options, as it is built) and disposes it with the host if Kestrel
            // never took it; before that, ReleaseReservedPort frees it when building fails.
            builder.Host.Properties[typeof(ReservedLoopbackPort)] = reserved;
            builder.Services.AddSingleton(_ => reserved);
            builder.Services.AddOptions<SocketTransportOptions>()
                .Configure<ReservedLoopbackPort>((options, port) => options.CreateBoundListenSocket = port.ListenSocketFor);
        }

        // The first signing key's RSA key, generated on the idle core while the host is built (docs/performance.md).
        var firstRsaKey = new FirstRsaKey();
        firstRsaKey.Start();
        builder.Services.AddSingleton(firstRsaKey);

        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<TestingClock>();
        builder.Services.AddSingleton<TimeProvider>(provider => provider.GetRequiredService<TestingClock>());
        return builder;
    }

    /// <summary>Frees the port reserved for Kestrel when the host could not be built (nothing else would own it then).</summary>
    public static void ReleaseReservedPort(this WebApplicationBuilder builder)
    {
        if (builder.Host.Properties.TryGetValue(typeof(ReservedLoopbackPort), out var reserved))
        {
            ((ReservedLoopbackPort)reserved).Dispose();
        }
    }

    /// <summary>The loud line every ephemeral start logs.</summary>
    public static void WarnWhenEphemeral(this WebApplication app)
    {
        if (app.Services.GetRequiredService<EphemeralMode>().IsOn)
        {
            LogEphemeral(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<EphemeralMode>());
        }
    }

    private static MemoryConfigurationSource Defaults(Dictionary<string, string?> values) => new() { InitialData = values };

    /// <summary>
    /// One plain-HTTP loopback address: with port 0, a free port reserved now (<see cref="ReservedLoopbackPort"/>), so
    /// that the issuer (which names the port) is known before the server starts and no other process takes the port
    /// before it listens. Null for anything else (several addresses, https, another host): those stay as given.
    /// </summary>
    private static Uri? ReserveListenAddress(string? urls, out ReservedLoopbackPort? reserved)
    {
        reserved = null;
        if (urls is null || urls.Contains(';', StringComparison.Ordinal) ||
            !Uri.TryCreate(urls.Trim(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || !url.IsLoopback)
        {
            return null;
        }

        var port = url.Port;
        if (port == 0)
        {
            reserved = ReservedLoopbackPort.Reserve();
            port = reserved.EndPoint.Port;
        }

        return new Uri($"http://127.0.0.1:{port}/");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "EPHEMERAL MODE: for test suites only. Everything lives in memory and is lost when the process ends; passwords are hashed with a low work factor; /testing/* mints tokens for any user. Never run this in production.")]
    private static partial void LogEphemeral(ILogger logger);
}
