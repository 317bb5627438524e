using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Auth.Api.Hardening;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Auth.Api.OpenApi;

/// <summary>
/// The API reference page (Scalar) at <see cref="Routes.ApiReference"/>: served in Development and when
/// <c>Admin:ApiReference</c> is true, absent (404) otherwise. It renders <see cref="Routes.OpenApiDocument"/> and can
/// try operations with a token it gets from the token endpoint.
/// </summary>
public static partial class ApiReference
{
    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Services.GetRequiredService<IOptions<ApiReferenceOptions>>().Value.ApiReference)
        {
            return app;
        }

        app.MapScalarApiReference(Routes.ApiReference, options => options
                .WithTitle("Auth service API")
                // Relative, so the page finds the document under the same path base as itself.
                .WithOpenApiRoutePattern(Routes.RelativeToIssuer(Routes.OpenApiDocument))
                // Scalar's default fonts come from its own CDN, which the page's policy does not allow.
                .DisableDefaultFonts()
                // Nothing that would call Scalar's own services from an operator's browser.
                .DisableAgent()
                .DisableTelemetry()
                .HideDeveloperTools()
                .AddPreferredSecuritySchemes(ServiceDescription.SecurityScheme))
            .AddEndpointFilter(OneDocumentUnderItsOwnPolicy);
        return app;
    }

    /// <summary>
    /// Scalar's page writes the request path and a document name taken from it (<c>/admin/docs/{documentName}</c>) into
    /// its inline script. Only the page without a document name is served, so nothing from the request reaches the
    /// page, its inline script is the same on every request, and the page's policy allows that script by its hash
    /// alone (CSP Level 3 §8.4) rather than any inline script.
    /// </summary>
    private static async ValueTask<object?> OneDocumentUnderItsOwnPolicy(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.GetRouteValue("documentName") is string { Length: > 0 })
        {
            return TypedResults.NotFound();
        }

        var result = await next(context);
        if (result is Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult { ResponseContent: { } page })
        {
            context.HttpContext.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.ForApiReference(
                InlineScript().Matches(page).Select(m => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))));
        }

        return result;
    }

    /// <summary>A script element with its code inline (without a src attribute).</summary>
    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
