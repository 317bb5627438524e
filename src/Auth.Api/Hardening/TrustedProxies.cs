using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Auth.Api.Hardening;

/// <summary>
/// Behind a proxy, the connection comes from the proxy: the client's address and scheme are what the proxy says in
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>. Those headers are believed only from the configured trusted
/// proxies (<see cref="TrustedProxyOptions"/>) and only for the nearest hop, so a client can neither invent its address
/// (to escape its rate limit) nor claim HTTPS. The <c>Forwarded</c> header (RFC 7239), <c>X-Forwarded-Host</c> and
/// <c>X-Forwarded-Prefix</c> are never read: the issuer fixes the host and path.
/// </summary>
public static partial class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrustedProxyOptions>()
            .Bind(configuration.GetSection(TrustedProxyOptions.Section))
            .Configure(o => o.TrustedProxies.AddRange(configuration.GetSection(TrustedProxyOptions.LegacyProxiesKey).Get<List<string>>() ?? []))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;

            // The defaults trust loopback; here only the configured proxies are trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.TrustedProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.Value.TrustedNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline after error bodies, so that everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Configuration.GetSection(TrustedProxyOptions.LegacyProxiesKey).Exists())
        {
            LogLegacyKey(app.Logger, TrustedProxyOptions.LegacyProxiesKey, TrustedProxyOptions.Section);
        }

        // With no known proxy at all, the forwarded-headers middleware believes every sender: use it only when
        // proxies are configured, so by default the headers change nothing.
        if (app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.TrustsAnyProxy)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{LegacyKey} is read as {Section}:TrustedProxies, which also trusts the proxies' X-Forwarded-Proto; move the setting there")]
    private static partial void LogLegacyKey(ILogger logger, string legacyKey, string section);
}
