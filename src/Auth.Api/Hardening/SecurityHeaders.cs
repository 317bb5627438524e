namespace Auth.Api.Hardening;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer (URLs here carry codes and states), and pages that cannot
/// be framed by another site (clickjacking the sign-in or consent page). HSTS outside Development with an https issuer.
/// </summary>
public static class SecurityHeaders
{
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
                    // No script-src: OpenIddict's form_post response submits itself with an inline script.
                    headers.ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

        var issuer = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OAuth.OAuthOptions>>().Value.Issuer;
        if (!app.Environment.IsDevelopment() && issuer.Scheme == Uri.UriSchemeHttps)
        {
            app.UseHsts();
        }

        return app;
    }
}
