using System.Net;
using System.Net.Sockets;

namespace Auth.Application.RateLimiting;

/// <summary>
/// The key of a client address's bucket. An IPv4 address counts on its own. An IPv6 client counts by its network:
/// a host is normally given a whole /64 (RFC 4291 §2.5.1: 64-bit interface identifiers) and can take any address in
/// it at will (RFC 8981 temporary addresses), so keying by the full address would give it 2^64 buckets.
/// An IPv4-mapped IPv6 address (::ffff:192.0.2.1, from a dual-stack socket) is the IPv4 address.
/// </summary>
public static class ClientNetwork
{
    public const int DefaultIPv6PrefixLength = 64;

    public static string KeyOf(IPAddress? address, int ipv6PrefixLength = DefaultIPv6PrefixLength)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ipv6PrefixLength, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv6PrefixLength, 128);

        // The bytes carry no scope id, so fe80::1%eth0 and fe80::1%eth1 are one network, like any other /64.
        var bytes = address.GetAddressBytes();
        for (var bit = ipv6PrefixLength; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), ipv6PrefixLength).ToString();
    }
}
