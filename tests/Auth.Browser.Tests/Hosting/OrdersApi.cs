using System.Security.Claims;
using Auth.Api.Tests.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Browser.Tests.Hosting;

/// <summary>
/// A resource server as a customer would write it: Microsoft's JWT bearer handler, trusting our issuer through its
/// discovery document, accepting only tokens meant for "orders-api". It answers with what it saw in the token.
/// </summary>
public static class OrdersApi
{
    public const string WhoAmIPath = "/orders/whoami";

    public sealed record Caller(string? Sub, string Scope);

    /// <summary>With <paramref name="issuerCertificate"/>, the issuer is behind a TLS proxy serving that certificate, the only one the handler's back channel accepts.</summary>
    public static async Task<WebApplication> StartAsync(int port, Uri issuer, TestCertificate? issuerCertificate = null)
    {
        var builder = LoopbackApp.CreateBuilder(port);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.Authority = issuer.AbsoluteUri;
            options.Audience = TestSeed.OrdersApi;
            options.RequireHttpsMetadata = false;
            options.MapInboundClaims = false;
            if (issuerCertificate is not null)
            {
                options.BackchannelHttpHandler = issuerCertificate.CreateHandler();
            }
        });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(WhoAmIPath, (ClaimsPrincipal user) => TypedResults.Ok(new Caller(
                user.FindFirst("sub")?.Value,
                string.Join(' ', user.FindAll("scope").Select(c => c.Value)))))
            .RequireAuthorization();
        await app.StartAsync();
        return app;
    }
}
