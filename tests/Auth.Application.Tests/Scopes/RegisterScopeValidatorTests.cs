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
    [TestCase("admin.clients.write")]
    [TestCase("admin.audit.read")]
    public void Built_in_scopes_cannot_be_registered(string name) =>
        Assert.That(_validator.Validate(new RegisterScope(new ScopeDefinition { Name = name })).IsValid, Is.False);

    [Test]
    public void The_old_admin_scope_is_the_deployments_own_and_can_be_registered() =>
        Assert.That(_validator.Validate(new RegisterScope(new ScopeDefinition { Name = "admin", Resources = ["admin"] })).IsValid, Is.True);

    [TestCase("")]
    [TestCase("two words")]
    public void Malformed_scope_names_are_refused(string name) =>
        Assert.That(_validator.Validate(new RegisterScope(new ScopeDefinition { Name = name })).IsValid, Is.False);
}
