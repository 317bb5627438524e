using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Auth.Api.OpenApi;

/// <summary>
/// Which endpoints the OpenAPI document describes: by where they live, so a route added later under one of these
/// prefixes is described without a line here. The OAuth and OpenID Connect endpoints are described by discovery
/// (RFC 8414), SCIM by its own schema endpoints (RFC 7644 §4), and the pages are for people (the admin console's too,
/// though they live under /admin: Razor pages never reach the API explorer).
/// </summary>
public static class DocumentedRoutes
{
    public static readonly IReadOnlyList<string> Prefixes = [Routes.Admin, Routes.Mfa, Routes.Health];

    /// <summary>Whether <paramref name="path"/> (a route template or a request path) is described.</summary>
    public static bool Include(string path)
    {
        var route = new PathString("/" + path.TrimStart('/'));
        return Prefixes.Any(prefix => route.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) &&
               !route.StartsWithSegments(Routes.ApiReference, StringComparison.OrdinalIgnoreCase);
    }

    internal static bool Include(ApiDescription description) => description.RelativePath is { } path && Include(path);
}
