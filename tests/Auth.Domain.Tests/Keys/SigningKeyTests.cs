using Auth.Domain.Keys;

namespace Auth.Domain.Tests.Keys;

public sealed class SigningKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_new_key_signs_from_its_creation_unless_told_otherwise_and_is_published()
    {
        var key = new SigningKey("kid-1", "RS256", "protected", Now);

        Assert.Multiple(() =>
        {
            Assert.That(key.SignsFrom, Is.EqualTo(Now));
            Assert.That(key.IsReplaced, Is.False);
            Assert.That(key.IsPublishedAt(Now.AddYears(5)), Is.True);
        });
    }

    [Test]
    public void A_retired_key_stops_signing_but_stays_published_until_its_tokens_expire()
    {
        var key = new SigningKey("kid-1", "RS256", "protected", Now);

        key.Retire(Now, TimeSpan.FromHours(2));

        Assert.Multiple(() =>
        {
            Assert.That(key.IsReplaced, Is.True);
            Assert.That(key.IsPublishedAt(Now.AddHours(2).AddSeconds(-1)), Is.True);
            Assert.That(key.IsPublishedAt(Now.AddHours(2)), Is.False);
        });
    }

    [Test]
    public void Retiring_again_never_extends_the_publication()
    {
        var key = new SigningKey("kid-1", "RS256", "protected", Now);
        key.Retire(Now, TimeSpan.FromHours(1));

        key.Retire(Now.AddMinutes(30), TimeSpan.FromHours(5));

        Assert.That(key.RetiresAt, Is.EqualTo(Now.AddHours(1)));
    }

    [Test]
    public void Retiring_for_a_negative_time_is_refused()
    {
        var key = new SigningKey("kid-1", "RS256", "protected", Now);

        Assert.Throws<ArgumentOutOfRangeException>(() => key.Retire(Now, TimeSpan.FromSeconds(-1)));
    }

    [Test]
    public void A_key_cannot_sign_before_it_exists() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SigningKey("kid-1", "RS256", "protected", Now, signsFrom: Now.AddSeconds(-1)));

    [TestCase("")]
    [TestCase("  ")]
    public void A_key_needs_an_id(string keyId) =>
        Assert.Throws<ArgumentException>(() => _ = new SigningKey(keyId, "RS256", "protected", Now));
}
