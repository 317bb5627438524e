using Auth.Application.Audit;
using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Scopes;

namespace Auth.Application.Tests.Scopes;

/// <summary>The rules of removing a scope, on registries kept in memory (fresh for each test).</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RemoveScopeTests
{
    private readonly InMemoryScopes _scopes = new();
    private readonly InMemoryClients _clients = new();
    private readonly RecordedEvents _events = new();

    [Test]
    public async Task A_scope_no_client_is_allowed_is_removed_and_audited()
    {
        _scopes.Names.Add("invoices.read");
        _clients.Allowed.Add(Client("billing", "orders.read"));

        var removed = await RemoveAsync("invoices.read");

        Assert.Multiple(() =>
        {
            Assert.That(removed.Value, Is.EqualTo("invoices.read"));
            Assert.That(_scopes.Names, Does.Not.Contain("invoices.read"));
            Assert.That(_events.Recorded.Select(e => (e.Type, e.Detail)), Is.EqualTo(new[] { (SecurityEventTypes.ScopeRemoved, (string?)"invoices.read") }));
        });
    }

    [Test]
    public async Task A_scope_clients_are_allowed_is_kept_and_the_conflict_names_every_one_of_them()
    {
        _scopes.Names.Add("orders.read");
        _clients.Allowed.AddRange([Client("service-a", "orders.read", "orders.write"), Client("service-b", "orders.write"), Client("web-app", "openid", "orders.read")]);

        var refused = await RemoveAsync("orders.read");

        Assert.Multiple(() =>
        {
            Assert.That(refused.Error?.Kind, Is.EqualTo(ErrorKind.Conflict));
            Assert.That(refused.Error?.Description, Does.Contain("service-a, web-app").And.Not.Contain("service-b"));
            Assert.That(refused.Error?.Dependents, Is.EqualTo(new[] { "service-a", "web-app" }), "the admin API lists them in its 409");
            Assert.That(_scopes.Names, Does.Contain("orders.read"));
            Assert.That(_events.Recorded, Is.Empty);
        });
    }

    [TestCase("openid")]
    [TestCase("profile")]
    [TestCase("email")]
    [TestCase("offline_access")]
    [TestCase("groups")]
    [TestCase("mfa")]
    [TestCase("admin.users.write")]
    public async Task A_built_in_scope_is_kept(string name)
    {
        _scopes.Names.Add(name);

        var refused = await RemoveAsync(name);

        Assert.That(refused.Error?.Kind, Is.EqualTo(ErrorKind.Conflict));
        Assert.That(_scopes.Names, Does.Contain(name));
    }

    [Test]
    public async Task An_unknown_scope_is_not_found()
    {
        var missing = await RemoveAsync("nothing.here");

        Assert.That(missing.Error?.Kind, Is.EqualTo(ErrorKind.NotFound));
    }

    private async Task<Result<string>> RemoveAsync(string name) =>
        await new RemoveScopeHandler(_scopes, _clients, _events).Handle(new RemoveScope(name), CancellationToken.None);

    private static ClientSummary Client(string id, params string[] scopes) => new(id, null, "confidential", ["client_credentials"], scopes, []);

    private sealed class InMemoryScopes : IScopeRegistry
    {
        public List<string> Names { get; } = [];

        public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Names.Contains(name));

        public Task<RegisteredScope?> FindAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(Names.Contains(name) ? new RegisteredScope(new ScopeDefinition { Name = name }, "v1") : null);

        public Task<bool> AddAsync(ScopeDefinition scope, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ChangeOutcome> ApplyAsync(ScopeDefinition scope, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ScopeDefinition>> ListAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Names.Remove(name));
    }

    private sealed class InMemoryClients : IClientRegistry
    {
        public Task<bool> HasSecretAsync(string clientId, string secret, CancellationToken cancellationToken) => throw new NotSupportedException();

        public List<ClientSummary> Allowed { get; } = [];

        public Task<IReadOnlyList<ClientSummary>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ClientSummary>>(Allowed);

        public Task<bool> ExistsAsync(string clientId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ClientDetails?> FindAsync(string clientId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> AddAsync(ClientDefinition client, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ChangeOutcome> ApplyAsync(ClientDefinition client, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> ReplaceKeepingSecretAsync(ClientDefinition client, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> NewVersionAsync(string clientId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> RotateSecretAsync(string clientId, string secret, DateTimeOffset rotatedAt, DateTimeOffset? previousValidUntil, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private sealed class RecordedEvents : ISecurityEvents
    {
        public List<SecurityEvent> Recorded { get; } = [];

        public void Record(SecurityEvent securityEvent) => Recorded.Add(securityEvent);
    }
}
