namespace Auth.Api.Scim;

public static class ScimEndpoints
{
    /// <summary>SCIM 2.0 under /scim/v2, every route behind a Bearer token with the scim scope.</summary>
    public static IEndpointRouteBuilder MapScim(this IEndpointRouteBuilder app)
    {
        var scim = app.MapGroup(Routes.ScimV2).WithMetadata(Observability.CountScimOperations.Counted).RequireAuthorization(Authorization.ApiPolicies.Scim).ExcludeFromDescription();
        scim.MapScimDiscovery();
        scim.MapScimUsers();
        scim.MapScimGroups();

        // RFC 7644 §3.4.3 and §3.7: a server that does not support searching from the root or bulk operations
        // answers 501 (ServiceProviderConfig says bulk.supported false).
        scim.MapPost("/.search", () => ScimResponses.Error(StatusCodes.Status501NotImplemented,
            "Searching across resource types is not supported: use /Users/.search or /Groups/.search."));
        scim.MapPost("/Bulk", () => ScimResponses.Error(StatusCodes.Status501NotImplemented, "Bulk operations are not supported."));
        return app;
    }
}
