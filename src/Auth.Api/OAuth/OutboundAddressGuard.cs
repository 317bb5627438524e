using System.Net;
using System.Net.Sockets;
using Auth.Api.ClientRegistration;
using Microsoft.Extensions.Options;

namespace Auth.Api.OAuth;

/// <summary>
/// Where this server may connect for a client that registered itself (to fetch its jwks_uri and request_uris, to POST
/// to its backchannel_logout_uri): a public address (<see cref="PublicAddresses"/>) or one in
/// ClientRegistration:AllowedNetworks, never its own network otherwise — not loopback, not a private range, not a cloud
/// metadata service. Anyone may register a client where registration is open, so the check is on the address connected
/// to, not on the URI's text: the host name is resolved here, each address it resolves to is checked, and the
/// connection goes to a checked address, so a name that resolves to a public address once and to a private one the
/// next time (DNS rebinding) gains nothing. No proxy is used for these requests (the address checked would be the
/// proxy's), and they are HTTP/1.1 or HTTP/2 over the connection made here (HTTP/3 would not come through this callback;
/// requests default to HTTP/1.1 and never ask for it).
/// </summary>
public sealed class OutboundAddressGuard
{
    private readonly IReadOnlyList<IPNetwork> _allowed;

    public OutboundAddressGuard(IOptions<ClientRegistrationOptions> options) =>
        _allowed = options.Value.AllowedNetworks.Select(network => IPNetwork.Parse(network)).ToList();

    public bool Permits(IPAddress address)
    {
        var unmapped = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _allowed.Any(network => network.Contains(unmapped)) || PublicAddresses.IsPublic(unmapped);
    }

    /// <summary>
    /// Why a URI a client registers for itself names an address this server would never call: its host is an IP
    /// address the guard refuses (a name is checked when fetched, as what it resolves to may change). Null when none is.
    /// </summary>
    public string? Problem(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var literal) && !Permits(literal)
            ? $"'{uri}' is on an address this server does not call for a client that registers itself; use a public one."
            : null;

    /// <summary>Makes <paramref name="handler"/> a guarded one: no proxy, every connection made by <see cref="ConnectAsync"/>.</summary>
    public SocketsHttpHandler Guard(SocketsHttpHandler handler)
    {
        handler.UseProxy = false;
        handler.ConnectCallback = ConnectAsync;
        return handler;
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/> of the guarded <see cref="HttpClient"/>s.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        // An IPv4-mapped answer is connected to as the IPv4 address that was checked.
        var permitted = addresses.Where(Permits).Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToList();
        if (permitted.Count == 0)
        {
            throw new OutboundAddressRefusedException(
                $"{host} has no address a self-registered client's URI may reach (it resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}).");
        }

        for (var i = 0; ; i++)
        {
            var socket = new Socket(permitted[i].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(permitted[i], context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (i < permitted.Count - 1)
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
