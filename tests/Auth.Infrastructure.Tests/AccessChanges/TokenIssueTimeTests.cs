using Auth.Infrastructure.AccessChanges;

namespace Auth.Infrastructure.Tests.AccessChanges;

public sealed class TokenIssueTimeTests
{
    [Test]
    public void A_uuid_v7_token_id_gives_back_the_millisecond_it_was_made_for()
    {
        var issued = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123);

        Assert.That(TokenIssueTime.Of(TokenIssueTime.NewTokenId(issued), issued.AddMinutes(5)), Is.EqualTo(1_800_000_000_123));
    }

    [Test]
    public void Any_other_token_id_is_dated_to_the_start_of_its_iat_second()
    {
        var iat = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        Assert.Multiple(() =>
        {
            Assert.That(TokenIssueTime.Of(Guid.NewGuid().ToString(), iat), Is.EqualTo(1_800_000_000_000), "a random (v4) jti");
            Assert.That(TokenIssueTime.Of("zzzzzzzz-zzzz-7zzz-zzzz-zzzzzzzzzzzz", iat), Is.EqualTo(1_800_000_000_000));
            Assert.That(TokenIssueTime.Of(null, iat), Is.EqualTo(1_800_000_000_000));
            Assert.That(TokenIssueTime.Of(null, null), Is.Zero, "no date at all: voided by any cut-off");
        });
    }
}
