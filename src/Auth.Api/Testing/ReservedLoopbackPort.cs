using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Auth.Api.Testing;

/// <summary>
/// The free loopback port an ephemeral server asked for with port 0, held from the moment it is chosen: a socket bound
/// to it and listening, which Kestrel takes over as its listening socket when it binds that address. The issuer names
/// the port, so it is chosen while the host is built; probed and released instead, another process starting beside
/// this one could take it before Kestrel binds it, and this start would fail (docs/testing.md, "Instances side by side").
/// </summary>
public sealed class ReservedLoopbackPort : IDisposable
{
    private Socket? _socket;

    private ReservedLoopbackPort(Socket socket)
    {
        _socket = socket;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>127.0.0.1 and the port the operating system chose.</summary>
    public IPEndPoint EndPoint { get; }

    public static ReservedLoopbackPort Reserve()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

            // Listening, so that no other socket can bind the port (a bound socket alone can share it with one that
            // asks for address reuse). Connections that arrive before Kestrel takes it over wait in the backlog.
            socket.Listen();
            return new ReservedLoopbackPort(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Kestrel's socket factory (<see cref="SocketTransportOptions.CreateBoundListenSocket"/>): the held socket for
    /// this port's address, once; any other address is bound as Kestrel would bind it.
    /// </summary>
    public Socket ListenSocketFor(EndPoint endPoint) =>
        endPoint is IPEndPoint address && address.Equals(EndPoint) && Interlocked.Exchange(ref _socket, null) is { } socket
            ? socket
            : SocketTransportOptions.CreateDefaultBoundListenSocket(endPoint);

    /// <summary>Frees the port if Kestrel never took the socket over (once it has, Kestrel closes it when it stops).</summary>
    public void Dispose() => Interlocked.Exchange(ref _socket, null)?.Dispose();
}
