using System.Globalization;
using System.Text.Json.Serialization;
using Auth.Api.Errors;
using Auth.Api.Seed;
using Auth.Api.Startup;
using Auth.Application.Clients;
using Auth.Application.Scopes;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Options;

namespace Auth.Api.Testing;

/// <summary>
/// The test-only helpers beside <c>/testing/tokens</c> (<see cref="TestingGrant"/>): reset the store to the seed, and
/// move the server's clock. Mapped in ephemeral mode only; anywhere else the routes do not exist.
/// </summary>
public static class TestingEndpoints
{
    /// <summary>Up to ten years either way: enough for any lifetime, far from DateTimeOffset's limits.</summary>
    private static readonly TimeSpan LargestOffset = TimeSpan.FromDays(3653);

    public static IEndpointRouteBuilder MapTestingHelpers(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<EphemeralMode>().IsOn)
        {
            return app;
        }

        var helpers = app.MapGroup(TestingRoutes.Prefix).ExcludeFromDescription().AddEndpointFilter(async (invocation, next) =>
            TestingRoutes.IsLocalCaller(invocation.HttpContext)
                ? await next(invocation)
                : TypedResults.Json(ErrorBody.Create(ErrorCodes.AccessDenied, "The testing helpers answer loopback callers only."), statusCode: StatusCodes.Status403Forbidden));
        helpers.MapPost("/reset", ResetAsync);
        helpers.MapGet("/clock", (TestingClock clock) => ClockReport.Of(clock));
        helpers.MapPost("/clock", MoveClock);
        return app;
    }

    /// <summary>
    /// Users, groups, tokens, authorizations, sessions and audit records go; clients and scopes the seed file does not
    /// name go; the seed file is applied again, so its users are back as it describes them. Signing keys stay.
    /// </summary>
    private static async Task<IResult> ResetAsync(
        EphemeralStoreReset store, ISender sender, IOptions<SeedOptions> seed, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var document = seed.Value.File is { Length: > 0 } file ? SeedFile.Read(file) : new Application.Seed.SeedDocument();
        var seededClients = document.Clients.Select(c => c.ClientId).ToHashSet(StringComparer.Ordinal);
        foreach (var client in await sender.Send(new ListClients(), cancellationToken))
        {
            if (!seededClients.Contains(client.ClientId))
            {
                await sender.Send(new RemoveClient(client.ClientId), cancellationToken);
            }
        }

        await store.DeleteStateAsync(cancellationToken);
        if (seed.Value.File is { Length: > 0 } seedFile &&
            await StoreStartup.ApplySeedFileAsync(sender, loggers.CreateLogger(typeof(TestingEndpoints)), seedFile, cancellationToken) is { } failure)
        {
            return TypedResults.Json(ErrorBody.Create(ErrorCodes.ServerError, failure), statusCode: StatusCodes.Status500InternalServerError);
        }

        // After the seed: a seeded client changed since the start no longer holds a scope the seed does not name.
        var seededScopes = document.Scopes.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var scope in await sender.Send(new ListScopes(), cancellationToken))
        {
            if (!seededScopes.Contains(scope.Name) && !BuiltInScopes.Names.Contains(scope.Name))
            {
                await sender.Send(new RemoveScope(scope.Name), cancellationToken);
            }
        }

        await store.ClearAuditAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static IResult MoveClock(ClockChange change, TestingClock clock)
    {
        if ((change.AdvanceSeconds is null) == (change.OffsetSeconds is null))
        {
            return TypedResults.Json(ErrorBody.Create(ErrorCodes.InvalidRequest, "Give exactly one of advance_seconds and offset_seconds."), statusCode: StatusCodes.Status400BadRequest);
        }

        var offset = change.OffsetSeconds is { } seconds ? seconds : clock.Offset.TotalSeconds + change.AdvanceSeconds!.Value;
        if (!double.IsFinite(offset) || Math.Abs(offset) > LargestOffset.TotalSeconds)
        {
            return TypedResults.Json(ErrorBody.Create(ErrorCodes.InvalidRequest, "The clock's offset must stay within ten years of the real time."), statusCode: StatusCodes.Status400BadRequest);
        }

        clock.SetOffset(TimeSpan.FromSeconds(offset));
        return TypedResults.Ok(ClockReport.Of(clock));
    }

    public sealed record ClockChange(
        [property: JsonPropertyName("advance_seconds")] double? AdvanceSeconds,
        [property: JsonPropertyName("offset_seconds")] double? OffsetSeconds);

    public sealed record ClockReport(
        [property: JsonPropertyName("offset_seconds")] double OffsetSeconds,
        [property: JsonPropertyName("now")] string Now)
    {
        public static ClockReport Of(TestingClock clock) => new(
            clock.Offset.TotalSeconds,
            clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
    }
}
