using Auth.Domain.Users;

namespace Auth.Domain.Tests.Users;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void User_names_are_compared_case_insensitively_through_their_normalized_form()
    {
        var user = new User("Alice.Example", Now);

        Assert.That(user.NormalizedUserName, Is.EqualTo(User.Normalize("ALICE.example")));
    }

    [Test]
    public void A_new_user_is_active_with_an_id_and_timestamps()
    {
        var user = new User("alice", Now);

        Assert.Multiple(() =>
        {
            Assert.That(user.IsActive, Is.True);
            Assert.That(user.Id, Has.Length.EqualTo(32));
            Assert.That(user.CreatedAt, Is.EqualTo(Now));
            Assert.That(user.UpdatedAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void Deactivating_records_when()
    {
        var user = new User("alice", Now);

        user.Deactivate(Now.AddMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(user.IsActive, Is.False);
            Assert.That(user.UpdatedAt, Is.EqualTo(Now.AddMinutes(5)));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void A_user_name_cannot_be_blank(string userName) =>
        Assert.Throws<ArgumentException>(() => _ = new User(userName, Now));
}
