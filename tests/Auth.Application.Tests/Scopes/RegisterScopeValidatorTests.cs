using Auth.Application.Scopes;

namespace Auth.Application.Tests.Scopes;

public sealed class RegisterScopeValidatorTests
{
    private readonly RegisterScopeValidator _validator = new();

    [Test]
    public void An_api_scope_with_a_resource_is_valid() =>
        Assert.That(_validator.Validate(new RegisterScope(new ScopeDefinition { Name = "orders.read", Resources = ["orders-api"] })).IsValid, Is.True);

    [TestCase("openid")]
    [TestCase("profile")]
    [TestCase("offline_access")]
    [TestCase("mfa")]
    public void Built_in_scopes_cannot_be_registered(string name) =>
        Assert.That(_validator.Validate(new RegisterScope(new ScopeDefinition { Name = name })).IsValid, Is.False);

    [TestCase("")]
    [TestCase("two words")]
    public void Malformed_scope_names_are_refused(string name) =>
        Assert.That(_validator.Validate(new RegisterScope(new ScopeDefinition { Name = name })).IsValid, Is.False);
}
