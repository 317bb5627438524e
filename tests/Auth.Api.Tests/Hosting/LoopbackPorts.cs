using System.Net;
using System.Net.Sockets;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// Loopback ports for servers the tests start and name before they listen (server processes, test apps, PostgreSQL
/// clusters, a Redis that is down). The system hands out a free port; this never hands the same one out twice in
/// one test run, since a port chosen earlier may not be bound yet when the next is chosen.
/// </summary>
public static class LoopbackPorts
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
