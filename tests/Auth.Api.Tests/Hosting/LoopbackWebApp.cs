using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Auth.Api.Tests.Hosting;

/// <summary>A client's own web server on the loopback interface, on a port of its own: the test maps its routes, then starts it.</summary>
public static class LoopbackWebApp
{
    public static (WebApplication App, Uri BaseAddress) Create()
    {
        var port = LoopbackPorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        return (builder.Build(), new Uri($"http://127.0.0.1:{port}/"));
    }
}
