using System.Net;
using System.Net.Sockets;
using Auth.Api.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Auth.Api.Tests.Testing;

/// <summary>
/// An ephemeral server asked for port 0 holds the port it names in its issuer from the moment it is chosen, while the
/// host is built, until Kestrel listens on it: several servers starting side by side never take each other's port
/// (issue #18, parallel instances; <see cref="ReservedLoopbackPort"/>).
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ReservedLoopbackPortTests
{
    [Test]
    public async Task The_chosen_port_is_held_while_the_host_is_built_and_kestrel_listens_on_the_held_socket()
    {
        var builder = EphemeralBuilder();
        var url = new Uri(builder.Configuration["urls"]!);
        await using var app = builder.Build();

        // Another process starting beside this one, binding the port before this server listens: refused.
        var taken = Assert.Throws<SocketException>(() => Bind(url.Port));
        Assert.That(taken!.SocketErrorCode, Is.EqualTo(SocketError.AddressAlreadyInUse));

        // The socket Kestrel's transport is handed for the address, seen through its factory.
        var transport = app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;
        var factory = transport.CreateBoundListenSocket;
        var handedOver = new List<(EndPoint? Bound, Socket Socket)>();
        transport.CreateBoundListenSocket = endPoint =>
        {
            var socket = factory(endPoint);
            handedOver.Add((socket.LocalEndPoint, socket));
            return socket;
        };

        app.MapGet("/", () => "listening");
        await app.StartAsync();
        using var http = new HttpClient();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var answer = await http.GetStringAsync(url);
        await app.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.EqualTo("listening"));
            Assert.That(addresses, Is.EqualTo(new[] { $"http://127.0.0.1:{url.Port}" }));
            Assert.That(handedOver.Select(handed => handed.Bound), Is.EqualTo(new[] { new IPEndPoint(IPAddress.Loopback, url.Port) }));

            // Kestrel closed the socket it took over when it stopped.
            Assert.That(handedOver.Select(handed => handed.Socket.SafeHandle.IsClosed), Is.All.True);
        });
    }

    [Test]
    public async Task A_host_built_but_never_started_frees_the_port_when_it_is_disposed()
    {
        var builder = EphemeralBuilder();
        var port = new Uri(builder.Configuration["urls"]!).Port;

        var app = builder.Build();
        Assert.Throws<SocketException>(() => Bind(port));
        await app.DisposeAsync();

        Bind(port).Dispose();
    }

    [Test]
    public void A_host_that_could_not_be_built_releases_the_port()
    {
        var builder = EphemeralBuilder();
        var port = new Uri(builder.Configuration["urls"]!).Port;
        Assert.Throws<SocketException>(() => Bind(port));

        builder.ReleaseReservedPort();

        Bind(port).Dispose();
    }

    [Test]
    public void The_held_socket_goes_to_its_own_address_once_and_any_other_address_is_bound_as_kestrel_binds_it()
    {
        using var reserved = ReservedLoopbackPort.Reserve();

        using var first = reserved.ListenSocketFor(reserved.EndPoint);
        var elsewhere = new IPEndPoint(IPAddress.Loopback, 0);
        using var bound = reserved.ListenSocketFor(elsewhere);

        Assert.Multiple(() =>
        {
            Assert.That(first.LocalEndPoint, Is.EqualTo(reserved.EndPoint));
            Assert.That(((IPEndPoint)bound.LocalEndPoint!).Port, Is.Not.EqualTo(reserved.EndPoint.Port).And.Not.Zero);

            // Asked again for its own address (the socket already handed over and still open): bound anew, so refused.
            var again = Assert.Throws<SocketException>(() => reserved.ListenSocketFor(reserved.EndPoint).Dispose());
            Assert.That(again!.SocketErrorCode, Is.EqualTo(SocketError.AddressAlreadyInUse));
        });
    }

    [Test]
    public void Disposing_frees_a_port_kestrel_never_took()
    {
        var reserved = ReservedLoopbackPort.Reserve();
        var port = reserved.EndPoint.Port;
        Assert.Throws<SocketException>(() => Bind(port));

        reserved.Dispose();

        Bind(port).Dispose();
    }

    private static WebApplicationBuilder EphemeralBuilder() =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--Storage:Ephemeral=true", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
        }).UseEphemeralModeWhenAsked();

    private static TcpListener Bind(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return listener;
    }
}
