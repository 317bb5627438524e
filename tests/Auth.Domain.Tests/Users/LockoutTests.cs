using Auth.Domain.Users;

namespace Auth.Domain.Tests.Users;

public sealed class LockoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly LockoutPolicy Policy = new(5, TimeSpan.FromMinutes(15));

    [Test]
    public void Four_wrong_passwords_do_not_lock_the_fifth_does_for_the_policy_duration()
    {
        var user = new User("alice", Now);
        for (var i = 0; i < 4; i++)
        {
            user.RecordFailedSignIn(Now, Policy);
        }

        Assert.That(user.IsLockedOut(Now), Is.False);

        user.RecordFailedSignIn(Now, Policy);

        Assert.Multiple(() =>
        {
            Assert.That(user.IsLockedOut(Now), Is.True);
            Assert.That(user.IsLockedOut(Now + TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1)), Is.True);
            Assert.That(user.IsLockedOut(Now + TimeSpan.FromMinutes(15)), Is.False);
        });
    }

    [Test]
    public void A_successful_sign_in_resets_the_count_of_failures()
    {
        var user = new User("alice", Now);
        for (var i = 0; i < 4; i++)
        {
            user.RecordFailedSignIn(Now, Policy);
        }

        user.RecordSuccessfulSignIn(Now);
        user.RecordFailedSignIn(Now, Policy);

        Assert.Multiple(() =>
        {
            Assert.That(user.IsLockedOut(Now), Is.False);
            Assert.That(user.FailedSignInCount, Is.EqualTo(1));
            Assert.That(user.LastSignInAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void Deactivating_or_changing_the_password_changes_the_security_stamp()
    {
        var user = new User("alice", Now);
        var initial = user.SecurityStamp;

        user.SetPasswordHash("hash", Now);
        var afterPassword = user.SecurityStamp;
        user.Deactivate(Now);

        Assert.Multiple(() =>
        {
            Assert.That(afterPassword, Is.Not.EqualTo(initial));
            Assert.That(user.SecurityStamp, Is.Not.EqualTo(afterPassword));
        });
    }
}
