using System.Net;
using System.Net.Sockets;

namespace Auth.Api.OAuth;

/// <summary>
/// Whether an IP address is a public one: reachable on the internet, so that fetching from it cannot reach into this
/// server's own network. Not public: what IANA's special-purpose registries mark as not globally reachable (RFC 6890
/// and its updates), a little more strictly (the whole of 192.0.0.0/24 and 2001::/23, though IANA marks a few
/// addresses there global) — this host (0.0.0.0/8, ::), loopback, the private ranges (RFC 1918, RFC 4193 unique local),
/// shared address space (RFC 6598, carrier-grade NAT), link-local (cloud metadata services live at 169.254.169.254 and
/// fd00:ec2::254), benchmarking, documentation, IETF protocol assignments (Teredo among them), multicast, the reserved
/// 240.0.0.0/4 and broadcast — and every IPv6 address outside global unicast (2000::/3). An IPv6 address that carries
/// an IPv4 one (IPv4-mapped, NAT64's 64:ff9b::/96, 6to4's 2002::/16) is as public as the IPv4 address it carries. A
/// network's own NAT64 prefix (RFC 6052) is not known here: its addresses count as global unicast, so behind one a
/// translated private IPv4 address is not recognized (docs/security.md, what is not done).
/// </summary>
public static class PublicAddresses
{
    private static readonly IPNetwork[] NotPublicV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];

    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private static readonly IPNetwork[] NotPublicV6 =
    [
        IPNetwork.Parse("2001::/23"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("3fff::/20"),
    ];

    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !NotPublicV4.Any(network => network.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return GlobalUnicastV6.Contains(address) && !NotPublicV6.Any(network => network.Contains(address));
    }
}
