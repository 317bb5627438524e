using Auth.Domain.Users;

namespace Auth.Domain.Tests.Users;

public sealed class UnlockTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly LockoutPolicy Policy = new(5, TimeSpan.FromMinutes(15));

    [Test]
    public void Unlocking_ends_a_lockout_and_the_count_of_failures_starts_again()
    {
        var user = new User("alice", Now);
        for (var i = 0; i < 7; i++)
        {
            user.RecordFailedSignIn(Now, Policy);
        }

        Assert.That(user.IsLockedOut(Now), Is.True);
        var version = user.Version;

        user.Unlock();
        for (var i = 0; i < 4; i++)
        {
            user.RecordFailedSignIn(Now, Policy);
        }

        Assert.Multiple(() =>
        {
            Assert.That(user.IsLockedOut(Now), Is.False, "four failures after the unlock are not five");
            Assert.That(user.LockoutEnd, Is.Null);
            Assert.That(user.Version, Is.EqualTo(version), "a lockout is no change to the profile (the SCIM ETag)");
        });
    }

    [Test]
    public void Unlocking_leaves_a_deactivated_user_deactivated()
    {
        var user = new User("alice", Now);
        user.Deactivate(Now);

        user.Unlock();

        Assert.That(user.IsActive, Is.False);
    }
}
