using System.Security.Claims;

namespace OrdersApi;

/// <summary>The orders routes: a list, and who the caller is.</summary>
public static class OrdersEndpoints
{
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/orders").RequireAuthorization(OrdersAuthentication.ReadPolicy);
        orders.MapGet("/", () => TypedResults.Ok(new[] { new Order(1, "Coffee beans"), new Order(2, "Filter papers") }));
        orders.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Caller(
            user.FindFirstValue("sub"), user.FindFirstValue("client_id"), user.FindFirstValue("tenant"))));
        return app;
    }

    public sealed record Order(int Id, string Item);

    public sealed record Caller(string? Sub, string? ClientId, string? Tenant);
}
