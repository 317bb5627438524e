using System.Net;
using Auth.Api.Errors;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Auth.Api.Observability;

/// <summary>
/// /metrics in the Prometheus text format through OpenTelemetry: ASP.NET Core's request-duration histogram
/// (http.server.request.duration by route template, method and status) and the service's own <see cref="AuthMetrics"/>.
/// </summary>
public static class MetricsEndpoint
{
    public static IServiceCollection AddServiceMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.AllowedNetworks.All(n => IPNetwork.TryParse(n, out _)), "Metrics:AllowedNetworks holds CIDR networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddSingleton<AuthMetrics>();
        if (!configuration.GetValue(MetricsOptions.Section + ":" + nameof(MetricsOptions.Enabled), defaultValue: true))
        {
            // Nothing reads the meters: no OpenTelemetry meter provider to build and feed (ephemeral mode's default).
            return services;
        }

        services.AddOpenTelemetry().ConfigureResource(resource => resource.DescribeService()).WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(AuthMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>With <see cref="MetricsOptions.Port"/>, also listen on that port beside the configured URLs.</summary>
    public static WebApplicationBuilder ListenForMetrics(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (settings.Enabled && settings.Port is { } port)
        {
            var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "http://localhost:5000";
            var hosts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(url => BindingAddress.Parse(url).Host).Distinct();
            builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries), .. hosts.Select(host => $"http://{host}:{port}")]);
        }

        return builder;
    }

    /// <summary>
    /// Who reaches /metrics, decided before anything else reads the request: the connection's own address must be in
    /// an allowed network, checked before the trusted proxies' X-Forwarded-For replaces it (a host in a trusted network
    /// could otherwise name an allowed address). With <see cref="MetricsOptions.Port"/>, that port serves /metrics and
    /// nothing else, and /metrics nothing but that port; the guard runs before OpenIddict, whose endpoints answer in the
    /// authentication middleware.
    /// </summary>
    public static WebApplication UseMetricsGuard(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!settings.Enabled)
        {
            return app;
        }

        var networks = settings.EffectiveNetworks();
        app.Use(async (context, next) =>
        {
            var forMetrics = context.Request.Path.StartsWithSegments(Routes.Metrics);
            var onMetricsPort = settings.Port is { } metricsPort && context.Connection.LocalPort == metricsPort;
            if (forMetrics ? !IsAllowed(context.Connection, networks, settings.Port) : onMetricsPort)
            {
                await ErrorWriter.WriteAsync(context, StatusCodes.Status404NotFound);
                return;
            }

            await next(context);
        });
        return app;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(Routes.Metrics);
        }

        return app;
    }

    private static bool IsAllowed(ConnectionInfo connection, IReadOnlyList<IPNetwork> networks, int? port)
    {
        if (port is { } metricsPort && connection.LocalPort != metricsPort)
        {
            return false;
        }

        var remote = connection.RemoteIpAddress;
        if (remote is null)
        {
            return false;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return networks.Any(network => network.Contains(remote));
    }
}
