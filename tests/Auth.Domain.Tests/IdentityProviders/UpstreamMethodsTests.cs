using Auth.Domain.IdentityProviders;

namespace Auth.Domain.Tests.IdentityProviders;

public sealed class UpstreamMethodsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Untrusted_upstream_mfa_adds_nothing() =>
        Assert.That(UpstreamMethods.Of(Provider(trusted: false), Upstream(["pwd", "mfa", "otp"], ["c1"])), Is.EqualTo(new[] { "fed" }));

    [Test]
    public void Upstream_otp_without_mfa_is_not_multi_factor() =>
        Assert.That(UpstreamMethods.Of(Provider(trusted: true), Upstream(["pwd", "otp"])), Is.EqualTo(new[] { "fed", "pwd" }));

    [Test]
    public void Trusted_acr_value_counts_as_mfa()
    {
        Assert.Multiple(() =>
        {
            Assert.That(UpstreamMethods.Of(Provider(trusted: true, "c1"), Upstream(["pwd", "otp"], ["c1"])), Is.EqualTo(new[] { "fed", "pwd", "otp", "mfa" }));
            Assert.That(UpstreamMethods.Of(Provider(trusted: true, "c1"), Upstream(["pwd"], ["c2"])), Is.EqualTo(new[] { "fed", "pwd" }));
            Assert.That(UpstreamMethods.Of(Provider(trusted: true), Upstream(["pwd", "mfa", "otp"])), Is.EqualTo(new[] { "fed", "pwd", "mfa", "otp" }));
        });
    }

    [Test]
    public void Methods_outside_rfc_8176_are_dropped() =>
        Assert.That(UpstreamMethods.Of(Provider(trusted: true), Upstream(["pwd", "wiaormfa", "x-custom", "pwd"])), Is.EqualTo(new[] { "fed", "pwd" }));

    [Test]
    public void Fed_is_always_present()
    {
        Assert.Multiple(() =>
        {
            Assert.That(UpstreamMethods.Of(Provider(trusted: true), Upstream([])), Is.EqualTo(new[] { "fed" }));
            Assert.That(UpstreamMethods.Of(Provider(trusted: false), Upstream([])), Is.EqualTo(new[] { "fed" }));
        });
    }

    private static IdentityProvider Provider(bool trusted, string? acrValues = null) =>
        new("okta", Now) { Kind = ProviderKind.Okta, TrustUpstreamMfa = trusted, MfaAcrValues = acrValues };

    private static UpstreamIdentity Upstream(string[] methods, string[]? contextClasses = null) =>
        new("okta", "https://okta.example.com", new Dictionary<string, string>(), methods, contextClasses ?? [], EmailVerified: null);
}
