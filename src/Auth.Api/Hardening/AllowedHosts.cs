using Auth.Api.Errors;
using Auth.Api.OAuth;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Auth.Api.Hardening;

/// <summary>
/// A request must name this service in its Host header: one of the hosts in the <c>AllowedHosts</c> setting
/// (<c>;</c>-separated, <c>*.example.com</c> wildcards, <c>*</c> for any), or, when it is not set, the issuer's host.
/// Nothing here builds a URL from the Host header (redirects are paths, everything else comes from the issuer); this
/// turns away early what was meant for another site. /health and /metrics are exempt: probes and scrapers address a
/// node by its own address. It replaces ASP.NET Core's host filtering, which has no exemptions.
/// </summary>
public static class AllowedHosts
{
    public const string Key = "AllowedHosts";

    public static IServiceCollection AddAllowedHosts(this IServiceCollection services) =>
        services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);

    public static WebApplication UseAllowedHosts(this WebApplication app)
    {
        var allowed = Hosts(app.Configuration[Key], app.Services.GetRequiredService<IOptions<OAuthOptions>>().Value.Issuer);
        if (allowed.Contains("*"))
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!request.Host.HasValue ||
                HostString.MatchesAny(request.Host.Host, allowed) ||
                request.Path.StartsWithSegments(Routes.Health, StringComparison.OrdinalIgnoreCase) ||
                request.Path.StartsWithSegments(Routes.Metrics, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            await ErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The Host header does not name this service.");
        });
        return app;
    }

    /// <summary>The configured hosts, or else the issuer's.</summary>
    public static IList<StringSegment> Hosts(string? configured, Uri issuer) =>
        string.IsNullOrWhiteSpace(configured)
            ? [HostString.FromUriComponent(issuer).Host]
            : [.. configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(host => new StringSegment(host))];
}
