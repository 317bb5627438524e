using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OrdersApi.Tests;

/// <summary>The orders API in this process, trusting <paramref name="issuer"/>, on the test's <paramref name="clock"/>.</summary>
public sealed class OrdersApiFactory(Uri issuer, MovableClock clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:Issuer", issuer.AbsoluteUri);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
    }
}
