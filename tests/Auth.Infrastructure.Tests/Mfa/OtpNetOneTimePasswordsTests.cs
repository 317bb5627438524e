using System.Text;
using Auth.Infrastructure.Mfa;

namespace Auth.Infrastructure.Tests.Mfa;

/// <summary>RFC 6238 Appendix B (SHA-1 seed, last six digits of the eight-digit values) and the ±1 step window.</summary>
public sealed class OtpNetOneTimePasswordsTests
{
    private static readonly byte[] Rfc6238Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private readonly OtpNetOneTimePasswords _otp = new();

    [TestCase(59L, "287082")]
    [TestCase(1111111109L, "081804")]
    [TestCase(1111111111L, "050471")]
    [TestCase(1234567890L, "005924")]
    [TestCase(2000000000L, "279037")]
    [TestCase(20000000000L, "353130")]
    public void The_rfc_6238_test_vectors_match_at_their_time(long unixSeconds, string code)
    {
        var step = _otp.MatchStep(Rfc6238Seed, code, DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.That(step, Is.EqualTo(unixSeconds / 30));
    }

    [TestCase(-1)]
    [TestCase(0)]
    [TestCase(1)]
    public void A_code_one_step_either_side_is_accepted(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);

        var step = _otp.MatchStep(Rfc6238Seed, "050471", now.AddSeconds(offset * 30));

        Assert.That(step, Is.EqualTo(1111111111L / 30));
    }

    [TestCase(-2)]
    [TestCase(2)]
    [TestCase(-3)]
    public void A_code_two_or_more_steps_away_is_refused(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);

        Assert.That(_otp.MatchStep(Rfc6238Seed, "050471", now.AddSeconds(offset * 30)), Is.Null);
    }

    [TestCase("000000")]
    [TestCase("05047")]
    [TestCase("0504711")]
    [TestCase("abcdef")]
    [TestCase("")]
    public void Wrong_or_malformed_codes_match_no_step(string code) =>
        Assert.That(_otp.MatchStep(Rfc6238Seed, code, DateTimeOffset.FromUnixTimeSeconds(1111111111)), Is.Null);

    [Test]
    public void New_secrets_are_160_bits_and_different_each_time()
    {
        var first = _otp.NewSecret();
        var second = _otp.NewSecret();

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Length.EqualTo(20));
            Assert.That(first, Is.Not.EqualTo(second));
            Assert.That(_otp.ToBase32(first), Does.Match("^[A-Z2-7]{32}$"));
        });
    }
}
