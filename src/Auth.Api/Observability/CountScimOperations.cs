namespace Auth.Api.Observability;

/// <summary>
/// Counts every SCIM request by resource (from the matched route template, so a closed list), verb and final status,
/// including the 401 and 403 answers of the authorization filter that runs after it.
/// </summary>
public sealed class CountScimOperations(AuthMetrics metrics) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var resource = Resource(http.GetEndpoint() as RouteEndpoint);
        var verb = http.Request.Method;
        http.Response.OnCompleted(() =>
        {
            metrics.ScimOperation(resource, verb, http.Response.StatusCode);
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>"/scim/v2/Users/{id}" → "Users"; "/scim/v2/Users/.search" → "Users".</summary>
    private static string Resource(RouteEndpoint? endpoint)
    {
        var segments = endpoint?.RoutePattern.PathSegments;
        if (segments is null || segments.Count < 3 || segments[2].Parts is not [Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal])
        {
            return "other";
        }

        return literal.Content;
    }
}
