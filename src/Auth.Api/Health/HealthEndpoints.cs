using System.Text.Json.Serialization;
using Auth.Application.Health;
using Mediator;

namespace Auth.Api.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Health, Report).DescribeHealth("The service's health: the database and, when configured, Redis");

        // Readiness for a load balancer: the same check, 503 while the database does not answer (or a fail-closed Redis).
        app.MapGet(Routes.Health + "/ready", Report).DescribeHealth("Readiness for a load balancer: 503 while a dependency does not answer");

        // Liveness for a supervisor: the process answers, whatever its dependencies say.
        app.MapGet(Routes.Liveness, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(new LivenessReport("alive", ServiceVersion.Current));
        }).WithSummary("Liveness for a supervisor: the process answers");
        return app;
    }

    private static RouteHandlerBuilder DescribeHealth(this RouteHandlerBuilder route, string summary) =>
        route.WithSummary(summary)
            .Produces<HealthReport>()
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> Report(ISender sender, HttpContext context, CancellationToken cancellationToken)
    {
        var health = await sender.Send(new GetServiceHealth(), cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthReport(
            health.Healthy ? "healthy" : "unhealthy",
            health.CheckedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ServiceVersion.Current,
            new HealthChecks(
                health.DatabaseReachable ? "healthy" : "unhealthy",
                health.RedisReachable is { } redis ? (redis ? "healthy" : "unhealthy") : null));
        return health.Healthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record LivenessReport(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("version")] string Version);

    public sealed record HealthReport(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("timestamp")] string Timestamp,
        [property: JsonPropertyName("version")] string Version,
        [property: JsonPropertyName("checks")] HealthChecks Checks);

    /// <param name="Redis">The rate-limiting Redis, only when one is configured.</param>
    public sealed record HealthChecks(
        [property: JsonPropertyName("database")] string Database,
        [property: JsonPropertyName("redis"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Redis);
}
