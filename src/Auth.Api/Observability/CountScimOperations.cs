namespace Auth.Api.Observability;

/// <summary>
/// Counts every SCIM request by resource (from the matched route template, so a closed list), verb and final status,
/// including the 401 and 403 answers of authorization, which runs after it.
/// </summary>
public static class CountScimOperations
{
    /// <summary>Endpoint metadata of the requests to count: ScimEndpoints puts it on the /scim/v2 group.</summary>
    public static readonly object Counted = new Marker();

    /// <summary>Goes right before UseAuthorization, so it counts what reaches the SCIM endpoints or their authorization.</summary>
    public static WebApplication UseScimOperationCounting(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<AuthMetrics>();
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<Marker>() is not null)
            {
                var resource = Resource(endpoint);
                var verb = context.Request.Method;
                context.Response.OnCompleted(() =>
                {
                    metrics.ScimOperation(resource, verb, context.Response.StatusCode);
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }

    /// <summary>"/scim/v2/Users/{id}" → "Users"; "/scim/v2/Users/.search" → "Users".</summary>
    private static string Resource(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments;
        if (segments.Count < 3 || segments[2].Parts is not [Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal])
        {
            return "other";
        }

        return literal.Content;
    }

    private sealed class Marker;
}
