using Auth.Domain.Keys;

namespace Auth.Domain.Tests.Keys;

public sealed class SigningKeyScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ahead = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Publication = TimeSpan.FromDays(31);

    [Test]
    public void A_rotated_key_is_published_at_once_but_the_old_key_signs_until_the_new_one_starts()
    {
        var old = new SigningKey("old", "RS256", "p", Now.AddDays(-10));
        var fresh = new SigningKey("new", "RS256", "p", Now, signsFrom: Now + Ahead);
        old.Retire(fresh.SignsFrom, Publication);
        SigningKey[] keys = [old, fresh];

        Assert.Multiple(() =>
        {
            Assert.That(SigningKeySchedule.SignerAt(keys, Now)?.KeyId, Is.EqualTo("old"));
            Assert.That(SigningKeySchedule.SignerAt(keys, Now + Ahead - TimeSpan.FromTicks(1))?.KeyId, Is.EqualTo("old"));
            Assert.That(SigningKeySchedule.SignerAt(keys, Now + Ahead)?.KeyId, Is.EqualTo("new"));
            Assert.That(fresh.IsPublishedAt(Now), Is.True, "published before it signs");
            Assert.That(old.IsPublishedAt(Now + Ahead + Publication - TimeSpan.FromTicks(1)), Is.True, "the old key's tokens verify for their whole life");
            Assert.That(old.IsPublishedAt(Now + Ahead + Publication), Is.False);
        });
    }

    [Test]
    public void The_next_change_is_the_next_start_or_end_of_publication()
    {
        var old = new SigningKey("old", "RS256", "p", Now.AddDays(-10));
        var fresh = new SigningKey("new", "RS256", "p", Now, signsFrom: Now + Ahead);
        old.Retire(fresh.SignsFrom, Publication);
        SigningKey[] keys = [old, fresh];

        Assert.Multiple(() =>
        {
            Assert.That(SigningKeySchedule.NextChangeAfter(keys, Now), Is.EqualTo(Now + Ahead));
            Assert.That(SigningKeySchedule.NextChangeAfter(keys, Now + Ahead), Is.EqualTo(Now + Ahead + Publication));
            Assert.That(SigningKeySchedule.NextChangeAfter(keys, Now + Ahead + Publication), Is.Null);
        });
    }

    [Test]
    public void Rotations_made_at_once_leave_one_key_in_charge_whatever_order_the_rows_come_in()
    {
        // Two nodes rotate from the same state: both new keys are unreplaced; the one that starts last signs.
        var old = new SigningKey("old", "RS256", "p", Now.AddDays(-10));
        var first = new SigningKey("b-first", "RS256", "p", Now, signsFrom: Now + Ahead);
        var second = new SigningKey("a-second", "RS256", "p", Now.AddMilliseconds(3), signsFrom: Now + Ahead);
        old.Retire(first.SignsFrom, Publication);

        var later = Now + Ahead;
        Assert.Multiple(() =>
        {
            Assert.That(SigningKeySchedule.SignerAt([old, first, second], later)?.KeyId, Is.EqualTo("a-second"));
            Assert.That(SigningKeySchedule.SignerAt([second, first, old], later)?.KeyId, Is.EqualTo("a-second"));
        });
    }

    [Test]
    public void A_key_whose_publication_ended_never_signs()
    {
        var old = new SigningKey("old", "RS256", "p", Now.AddDays(-40));
        old.Retire(Now.AddDays(-35), TimeSpan.FromDays(31));

        Assert.That(SigningKeySchedule.SignerAt([old], Now), Is.Null);
    }

    [Test]
    public void A_key_rotated_again_before_it_started_signs_until_its_own_successor_starts()
    {
        var old = new SigningKey("old", "RS256", "p", Now.AddDays(-10));
        var middle = new SigningKey("middle", "RS256", "p", Now, signsFrom: Now + Ahead);
        old.Retire(middle.SignsFrom, Publication);
        var last = new SigningKey("last", "RS256", "p", Now.AddMinutes(1), signsFrom: Now.AddMinutes(1) + Ahead);
        middle.Retire(last.SignsFrom, Publication);
        SigningKey[] keys = [old, middle, last];

        Assert.Multiple(() =>
        {
            Assert.That(SigningKeySchedule.SignerAt(keys, Now.AddMinutes(2))?.KeyId, Is.EqualTo("old"));
            Assert.That(SigningKeySchedule.SignerAt(keys, Now + Ahead)?.KeyId, Is.EqualTo("middle"));
            Assert.That(SigningKeySchedule.SignerAt(keys, Now.AddMinutes(1) + Ahead)?.KeyId, Is.EqualTo("last"));
        });
    }
}
