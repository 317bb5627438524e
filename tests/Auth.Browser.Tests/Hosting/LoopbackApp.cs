using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Auth.Browser.Tests.Hosting;

/// <summary>A small ASP.NET Core app of the test's own (a client's callback, a relying party, an API) on a loopback port.</summary>
public static class LoopbackApp
{

    public static Uri Address(int port) => new($"http://127.0.0.1:{port}/");

    public static WebApplicationBuilder CreateBuilder(int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        // Keys in memory only: nothing of the test's apps is written to the machine's profile.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        return builder;
    }
}
