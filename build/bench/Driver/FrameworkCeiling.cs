using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Auth.Bench;

/// <summary>
/// A trivial ASP.NET Core endpoint serving fixed bytes, in the service's process configuration (Release build, Kestrel
/// defaults, no rate limiting): /jwks.json and /.well-known/openid-configuration return the bytes the service returned.
/// </summary>
internal static class FrameworkCeiling
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var jwks = await File.ReadAllBytesAsync(args.Text("jwks"));
        var discovery = await File.ReadAllBytesAsync(args.Text("discovery"));
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(args.Text("url"));
        var app = builder.Build();
        app.MapGet("/jwks.json", () => Results.Bytes(jwks, "application/json;charset=UTF-8"));
        app.MapGet("/.well-known/openid-configuration", () => Results.Bytes(discovery, "application/json;charset=UTF-8"));
        app.MapGet("/health", () => Results.Text("ok"));
        await app.RunAsync();
        return 0;
    }
}
