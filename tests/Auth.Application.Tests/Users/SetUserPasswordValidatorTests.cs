using Auth.Application.Users;

namespace Auth.Application.Tests.Users;

public sealed class SetUserPasswordValidatorTests
{
    private readonly SetUserPasswordValidator _validator = new();

    [TestCase("12345678")]
    [TestCase("correct horse battery staple")]
    public void A_password_of_at_least_eight_characters_is_valid(string password) =>
        Assert.That(_validator.Validate(new SetUserPassword("alice", password)).IsValid, Is.True);

    [TestCase("")]
    [TestCase("1234567")]
    public void A_shorter_password_is_refused_as_when_a_user_is_added(string password)
    {
        var result = _validator.Validate(new SetUserPassword("alice", password));
        var added = new RegisterUserValidator().Validate(new RegisterUser(new UserDefinition { UserName = "alice", Password = password }));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(added.IsValid, Is.False, "one policy for both");
            Assert.That(result.Errors.Select(e => e.ErrorMessage), Has.Some.Contain($"at least {PasswordPolicy.MinimumLength} characters"));
        });
    }

    [Test]
    public void A_password_longer_than_the_policy_allows_is_refused() =>
        Assert.That(_validator.Validate(new SetUserPassword("alice", new string('x', PasswordPolicy.MaximumLength + 1))).IsValid, Is.False);

    [Test]
    public void A_missing_password_or_user_name_is_refused()
    {
        Assert.That(_validator.Validate(new SetUserPassword("alice", null!)).IsValid, Is.False);
        Assert.That(_validator.Validate(new SetUserPassword("", "long-enough-password")).IsValid, Is.False);
    }

    [Test]
    public void The_password_never_appears_when_the_request_is_printed() =>
        Assert.That(new SetUserPassword("alice", "s3cret-password").ToString(), Does.Contain("alice").And.Not.Contain("s3cret-password"));
}
