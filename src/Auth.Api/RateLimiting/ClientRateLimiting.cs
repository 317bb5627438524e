using Auth.Application.Ports;
using Auth.Application.RateLimiting;
using Microsoft.Extensions.Options;

namespace Auth.Api.RateLimiting;

/// <summary>
/// Token buckets on every endpoint except /health: per client address (or per address and endpoint where an override
/// matches), and per client_id on the token endpoint when configured. Beyond them: 429 with Retry-After and the API's
/// error body (docs/api.md). The client address is the one the trusted proxies name (<see cref="Hardening.TrustedProxies"/>), and
/// an IPv6 client counts by its network. The buckets live in Redis when one is configured, so several nodes enforce
/// one limit, and in process otherwise (<see cref="ITokenBuckets"/>).
/// </summary>
public static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<RateLimitRejection>();
        return services;
    }

    public static WebApplication UseClientRateLimiting(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var policies = new RateLimitPolicies(options);
        var buckets = app.Services.GetRequiredService<ITokenBuckets>();
        var rejection = app.Services.GetRequiredService<RateLimitRejection>();
        app.Use(async (context, next) =>
        {
            // Health checks and metrics scrapes come from load balancers and monitoring (metrics only from allowed networks).
            if (context.Request.Path.StartsWithSegments(Routes.Health, StringComparison.OrdinalIgnoreCase) ||
                context.Request.Path.StartsWithSegments(Routes.Metrics, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            var verdict = await buckets.TakeAsync(await policies.ForAsync(context), context.RequestAborted);
            if (verdict.Outcome == BucketOutcome.Allowed)
            {
                await next(context);
                return;
            }

            await rejection.RejectAsync(context, verdict);
        });
        return app;
    }
}
