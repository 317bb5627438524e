using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

/// <summary>The operator's verbs, run through the service's own executable against the same store as the server.</summary>
public sealed class ClientsVerbTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_client_added_on_the_command_line_gets_tokens_and_loses_them_when_removed()
    {
        var client = new TestClient("cli-added", "cli-added-secret-0042");
        var added = await AuthExecutable.RunAsync(Server.Store,
            "clients", "add", "--id", client.Id, "--secret", client.Secret, "--grant", "client_credentials", "--scope", TestSeed.OrdersRead);
        Assert.That(added.ExitCode, Is.Zero, added.Error);

        var listed = await AuthExecutable.RunAsync(Server.Store, "clients", "list");
        Assert.That(listed.Output, Does.Contain(client.Id));
        Assert.That(listed.Output, Does.Not.Contain(client.Secret), "list must never print a secret");

        var token = await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersRead);
        Assert.That(await OAuth.IsActiveAsync(token, client), Is.True);

        var removed = await AuthExecutable.RunAsync(Server.Store, "clients", "remove", "--id", client.Id);
        Assert.That(removed.ExitCode, Is.Zero, removed.Error);

        using var refused = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.False, "a removed client's tokens stop being active");
    }

    [Test]
    public async Task Adding_a_client_that_exists_fails_without_changing_it()
    {
        var again = await AuthExecutable.RunAsync(Server.Store,
            "clients", "add", "--id", TestSeed.ServiceA.Id, "--secret", "another-secret-9999", "--grant", "client_credentials");

        Assert.That(again.ExitCode, Is.Not.Zero);
        Assert.That(again.Error, Does.Contain("already exists"));
        Assert.That(await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead), Is.Not.Empty);
    }

    [Test]
    public async Task A_token_exchange_client_needs_a_secret_on_the_command_line()
    {
        var withoutSecret = await AuthExecutable.RunAsync(Server.Store,
            "clients", "add", "--id", "cli-exchanger", "--grant", "urn:ietf:params:oauth:grant-type:token-exchange", "--scope", "openid");
        var withSecret = await AuthExecutable.RunAsync(Server.Store,
            "clients", "add", "--id", "cli-exchanger", "--secret", "cli-exchanger-secret-0001",
            "--grant", "client_credentials,urn:ietf:params:oauth:grant-type:token-exchange", "--scope", "openid");

        Assert.Multiple(() =>
        {
            Assert.That(withoutSecret.ExitCode, Is.EqualTo(1));
            Assert.That(withoutSecret.Error, Does.Contain("token-exchange grant needs a client secret or a jwks"));
            Assert.That(withSecret.ExitCode, Is.EqualTo(0), withSecret.Error);
        });
    }

    [Test]
    public async Task An_invalid_client_definition_is_refused_with_the_reason()
    {
        var invalid = await AuthExecutable.RunAsync(Server.Store,
            "clients", "add", "--id", "has space", "--secret", "short", "--grant", "password");

        Assert.Multiple(() =>
        {
            Assert.That(invalid.ExitCode, Is.EqualTo(1), "a definition that fails validation is a failure, not a usage mistake");
            Assert.That(invalid.Error, Does.Contain("client id"));
            Assert.That(invalid.Error, Does.Contain("Grant types supported"));
        });
    }
}
