using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace OrdersApi;

/// <summary>JWT bearer tokens from the Auth service, and the policy that asks for the orders.read scope.</summary>
public static class OrdersAuthentication
{
    public const string ReadPolicy = "orders.read";

    public static IServiceCollection AddOrdersAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        // The API's own clock. Token lifetimes are checked against it (below), so a test can move it with the identity
        // server's clock; in production it is the system's.
        services.AddSingleton(TimeProvider.System);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((options, time) =>
            {
                options.Authority = configuration["Auth:Issuer"]
                    ?? throw new InvalidOperationException("Set Auth:Issuer to the identity server's issuer.");
                options.Audience = configuration["Auth:Audience"] ?? "orders-api";
                // The test server is plain HTTP on loopback; anything else keeps HTTPS.
                options.RequireHttpsMetadata = !Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || !authority.IsLoopback;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = time.GetUtcNow().UtcDateTime;
                    return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew)
                        && (expires is null || expires.Value >= now - parameters.ClockSkew);
                };
            });
        services.AddAuthorizationBuilder().AddPolicy(ReadPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.FindAll("scope")
                .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Contains(ReadPolicy, StringComparer.Ordinal)));
        return services;
    }
}
