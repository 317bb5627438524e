using Microsoft.Extensions.Options;

namespace Auth.Api.Hardening;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer (URLs here carry codes and states), and on pages a full
/// <see cref="ContentSecurityPolicy"/> (unless the page set its own) and no framing by another site (clickjacking the
/// sign-in or consent page).
/// HSTS on HTTPS responses outside Development with an https issuer, including those that arrived through a
/// trusted TLS-terminating proxy.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>RFC 6797 §6.1.1: a year. Without includeSubDomains, since other sites may live under the same domain.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.AddHsts(options =>
        {
            options.MaxAge = HstsMaxAge;

            // ASP.NET Core leaves out localhost and loopback addresses; an https issuer on them is a deliberate set-up
            // (a proxy in front on the same machine), and Development, where HSTS is off, is the place for trials.
            options.ExcludedHosts.Clear();
        });

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            context.Response.OnStarting(() =>
            {
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.XFrameOptions = "DENY";

                    // A page that needs a policy of its own sets it (the API reference page, OpenApi/ApiReference.cs).
                    if (headers.ContentSecurityPolicy.Count == 0)
                    {
                        headers.ContentSecurityPolicy = ContentSecurityPolicy.ForPages;
                    }
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

        // The HSTS middleware answers only requests that are HTTPS, so it must come after the trusted proxies' scheme.
        var issuer = app.Services.GetRequiredService<IOptions<OAuth.OAuthOptions>>().Value.Issuer;
        if (!app.Environment.IsDevelopment() && issuer.Scheme == Uri.UriSchemeHttps)
        {
            app.UseHsts();
        }

        return app;
    }
}
