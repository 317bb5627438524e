namespace Auth.Api.Scim;

public static class ScimEndpoints
{
    /// <summary>SCIM 2.0 under /scim/v2, every route behind a Bearer token with the scim scope.</summary>
    public static IEndpointRouteBuilder MapScim(this IEndpointRouteBuilder app)
    {
        var scim = app.MapGroup("/scim/v2").AddEndpointFilter<Observability.CountScimOperations>().AddEndpointFilter<ScimAuthorization>().ExcludeFromDescription();
        scim.MapScimDiscovery();
        scim.MapScimUsers();
        scim.MapScimGroups();
        return app;
    }
}
