using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

/// <summary><c>scopes list|add|remove</c>, run through the service's own executable against the same store as the server.</summary>
public sealed class ScopesVerbTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_scope_added_is_listed_with_its_resources_granted_to_a_client_and_once_removed_is_gone()
    {
        var scope = Unique("invoices.read");
        var added = await AuthExecutable.RunAsync(Server.Store,
            "scopes", "add", "--name", scope, "--display-name", "Read invoices", "--resource", "https://invoices.example", "--resource", "https://archive.example");
        Assert.That(added.ExitCode, Is.Zero, added.Error);

        var listed = await AuthExecutable.RunAsync(Server.Store, "scopes", "list");
        Assert.That(listed.Output.Split('\n'), Does.Contain($"{scope}\tRead invoices\thttps://archive.example,https://invoices.example"));
        Assert.That(listed.Output.Split('\n'), Does.Contain("mfa\tAdd, replace or remove your authenticator app\turn:auth:mfa"), "the built-in scope is registered too");

        var client = await RegisterOwnClientAsync("invoices", [scope]);
        var token = await OAuth.GetAccessTokenAsync(client, scope);
        Assert.That(token, Is.Not.Empty);

        var inUse = await AuthExecutable.RunAsync(Server.Store, "scopes", "remove", "--name", scope);
        Assert.That(inUse.ExitCode, Is.EqualTo(1), "a client is still allowed the scope");

        Assert.That((await AuthExecutable.RunAsync(Server.Store, "clients", "remove", "--id", client.Id)).ExitCode, Is.Zero);
        var removed = await AuthExecutable.RunAsync(Server.Store, "scopes", "remove", "--name", scope);

        Assert.That(removed.ExitCode, Is.Zero, removed.Error);
        Assert.That((await AuthExecutable.RunAsync(Server.Store, "scopes", "list")).Output, Does.Not.Contain(scope));
        var audit = await AuthExecutable.RunAsync(Server.Store, "audit", "list", "--type", "scope.removed");
        Assert.That(audit.Output, Does.Contain(scope), "the removal is an audit event");
    }

    [Test]
    public async Task A_scope_clients_are_allowed_is_not_removed_and_the_refusal_names_them()
    {
        var scope = Unique("reports.read");
        Assert.That((await AuthExecutable.RunAsync(Server.Store, "scopes", "add", "--name", scope, "--resource", "https://reports.example")).ExitCode, Is.Zero);
        var first = await RegisterOwnClientAsync("reports-a", [scope]);
        var second = await RegisterOwnClientAsync("reports-b", [scope, TestSeed.OrdersRead]);

        var refused = await AuthExecutable.RunAsync(Server.Store, "scopes", "remove", "--name", scope);

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error, Does.Contain(first.Id).And.Contain(second.Id));
        });
        Assert.That((await AuthExecutable.RunAsync(Server.Store, "scopes", "list")).Output, Does.Contain(scope));
        using var response = await OAuth.RequestTokenAsync(first, scope);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the clients keep their scope");
    }

    [TestCase("mfa")]
    [TestCase("openid")]
    [TestCase("offline_access")]
    public async Task A_built_in_scope_is_not_removed(string scope)
    {
        var refused = await AuthExecutable.RunAsync(Server.Store, "scopes", "remove", "--name", scope);

        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("built in"));
        Assert.That((await AuthExecutable.RunAsync(Server.Store, "scopes", "list")).Output, Does.Contain("mfa\t"));
    }

    [Test]
    public async Task An_unknown_scope_fails_with_exit_code_1_and_a_message()
    {
        var outcome = await AuthExecutable.RunAsync(Server.Store, "scopes", "remove", "--name", "no.such.scope");

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.Error, Does.Contain("No scope is named 'no.such.scope'"));
    }

    [Test]
    public async Task A_scope_that_exists_or_breaks_the_rules_is_not_added()
    {
        var taken = await AuthExecutable.RunAsync(Server.Store, "scopes", "add", "--name", TestSeed.OrdersRead, "--resource", "https://elsewhere.example");
        var malformed = await AuthExecutable.RunAsync(Server.Store, "scopes", "add", "--name", "two\"words");
        var builtIn = await AuthExecutable.RunAsync(Server.Store, "scopes", "add", "--name", "openid");

        Assert.Multiple(() =>
        {
            Assert.That(taken.ExitCode, Is.EqualTo(1));
            Assert.That(taken.Error, Does.Contain("already exists"));
            Assert.That(malformed.ExitCode, Is.EqualTo(1));
            Assert.That(malformed.Error, Does.Contain("RFC 6749"));
            Assert.That(builtIn.ExitCode, Is.EqualTo(1));
            Assert.That(builtIn.Error, Does.Contain("built in"));
        });
    }

    [Test]
    public async Task A_scope_added_again_with_replace_is_brought_in_line_and_a_second_time_is_unchanged()
    {
        var name = Unique("cli.replaced");
        var added = await AuthExecutable.RunAsync(Server.Store, "scopes", "add", "--name", name, "--display-name", "First", "--resource", "https://first.example");
        var replaced = await AuthExecutable.RunAsync(Server.Store, "scopes", "add", "--name", name, "--display-name", "Second", "--replace");
        var again = await AuthExecutable.RunAsync(Server.Store, "scopes", "add", "--name", name, "--display-name", "Second", "--replace");
        var listed = await AuthExecutable.RunAsync(Server.Store, "scopes", "list");

        Assert.Multiple(() =>
        {
            Assert.That(added.Output, Does.Contain($"Scope '{name}' added."), added.Error);
            Assert.That(replaced.ExitCode, Is.Zero, replaced.Error);
            Assert.That(replaced.Output, Does.Contain($"Scope '{name}' updated."));
            Assert.That(again.Output, Does.Contain($"Scope '{name}' unchanged."));
            Assert.That(listed.Output, Does.Contain($"{name}\tSecond\t-"), "the resource left out is cleared");
        });
    }

    private static string Unique(string prefix) => $"{prefix}.{Guid.NewGuid().ToString("N")[..8]}";
}
