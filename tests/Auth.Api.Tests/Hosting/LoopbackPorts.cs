using System.Net;
using System.Net.Sockets;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// Loopback ports for servers the tests start and name before they listen (server processes, test apps, PostgreSQL
/// clusters, a Redis that is down), and restart on the same port. The ports come from below the system's ephemeral
/// range: a port from that range can be taken, while its server is down for a restart, as the local end of any
/// outgoing connection (a pooled database connection lives for minutes), and the restart then fails with "address in
/// use". Never hands the same port out twice in one test run, since a port chosen earlier may not be bound yet when the
/// next is chosen; each candidate is checked free by binding it.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 20_000;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly (int First, int Last) Range = OutsideEphemeralRange();
    private static int _next = Range.First + Random.Shared.Next(Range.Last - Range.First);

    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt <= Range.Last - Range.First; attempt++)
            {
                var port = _next;
                _next = _next >= Range.Last ? Range.First : _next + 1;
                if (HandedOut.Add(port) && IsFree(port))
                {
                    return port;
                }
            }

            throw new InvalidOperationException($"No free loopback port between {Range.First} and {Range.Last}.");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Linux names its ephemeral range in procfs; elsewhere the IANA range (49152 and up) is assumed.</summary>
    private static (int First, int Last) OutsideEphemeralRange()
    {
        var ephemeralStart = 49_152;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            ephemeralStart = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux: keep the IANA default.
        }

        return ephemeralStart - 1 > Lowest + 1_000 ? (Lowest, ephemeralStart - 1) : (1_024, ephemeralStart - 1);
    }
}
