using System.ComponentModel.DataAnnotations;
using System.Net;
using Auth.Application.RateLimiting;

namespace Auth.Application.Tests.RateLimiting;

public sealed class ClientNetworkTests
{
    [TestCase("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [TestCase("2001:db8:1:2::1", "2001:db8:1:2:a1b2:c3d4:e5f6:789")]
    [TestCase("fe80::1%2", "fe80::2%3")]
    public void Addresses_of_one_ipv6_slash_64_share_a_key(string one, string other) =>
        Assert.That(ClientNetwork.KeyOf(IPAddress.Parse(one)), Is.EqualTo(ClientNetwork.KeyOf(IPAddress.Parse(other))));

    [Test]
    public void An_ipv6_address_is_keyed_by_its_network() =>
        Assert.That(ClientNetwork.KeyOf(IPAddress.Parse("2001:db8:1:2:a1b2:c3d4:e5f6:789")), Is.EqualTo("2001:db8:1:2::/64"));

    [Test]
    public void Neighbouring_ipv6_slash_64s_have_keys_of_their_own() =>
        Assert.That(ClientNetwork.KeyOf(IPAddress.Parse("2001:db8:1:2::1")), Is.Not.EqualTo(ClientNetwork.KeyOf(IPAddress.Parse("2001:db8:1:3::1"))));

    [TestCase(48, "2001:db8:1:2::1", "2001:db8:1:ffff::1", true)]
    [TestCase(48, "2001:db8:1::1", "2001:db8:2::1", false)]
    [TestCase(56, "2001:db8:1:2::1", "2001:db8:1:ff::1", true)]
    [TestCase(56, "2001:db8:1:2::1", "2001:db8:1:100::1", false)]
    [TestCase(128, "2001:db8:1:2::1", "2001:db8:1:2::2", false)]
    public void The_prefix_length_is_configurable(int prefixLength, string one, string other, bool shared) =>
        Assert.That(
            ClientNetwork.KeyOf(IPAddress.Parse(one), prefixLength) == ClientNetwork.KeyOf(IPAddress.Parse(other), prefixLength),
            Is.EqualTo(shared));

    [TestCase("203.0.113.7", "203.0.113.7")]
    [TestCase("::ffff:203.0.113.7", "203.0.113.7")]
    public void An_ipv4_address_is_keyed_by_itself_also_when_mapped_to_ipv6(string address, string key) =>
        Assert.That(ClientNetwork.KeyOf(IPAddress.Parse(address)), Is.EqualTo(key));

    [Test]
    public void Neighbouring_ipv4_addresses_have_keys_of_their_own() =>
        Assert.That(ClientNetwork.KeyOf(IPAddress.Parse("203.0.113.7")), Is.Not.EqualTo(ClientNetwork.KeyOf(IPAddress.Parse("203.0.113.8"))));

    [Test]
    public void An_unknown_address_has_one_key() =>
        Assert.That(ClientNetwork.KeyOf(null), Is.EqualTo("unknown"));

    [TestCase(31, false)]
    [TestCase(32, true)]
    [TestCase(64, true)]
    [TestCase(128, true)]
    [TestCase(129, false)]
    public void The_configured_prefix_length_is_between_32_and_128(int prefixLength, bool valid)
    {
        var options = new RateLimitingOptions { IPv6PrefixLength = prefixLength };
        Assert.That(Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true), Is.EqualTo(valid));
    }
}
