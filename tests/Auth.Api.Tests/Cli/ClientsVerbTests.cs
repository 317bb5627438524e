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
    public async Task A_client_added_again_with_replace_is_brought_in_line_keeping_its_tokens_while_its_secret_stays()
    {
        var client = new TestClient("cli-replaced-" + Guid.NewGuid().ToString("N")[..8], "cli-replaced-secret-0042");
        var added = await AuthExecutable.RunAsync(Server.Store,
            "clients", "add", "--id", client.Id, "--secret", client.Secret, "--grant", "client_credentials", "--scope", TestSeed.OrdersRead);
        var token = await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersRead);

        var replaced = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", client.Id, "--secret", client.Secret,
            "--grant", "client_credentials", "--scope", TestSeed.OrdersRead + "," + TestSeed.OrdersWrite, "--name", "Nightly job", "--replace");
        var again = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", client.Id, "--secret", client.Secret,
            "--grant", "client_credentials", "--scope", TestSeed.OrdersRead + "," + TestSeed.OrdersWrite, "--name", "Nightly job", "--replace");
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", client.Id);

        Assert.Multiple(async () =>
        {
            Assert.That(added.ExitCode, Is.Zero, added.Error);
            Assert.That(replaced.ExitCode, Is.Zero, replaced.Error);
            Assert.That(replaced.Output, Does.Contain($"Client '{client.Id}' updated."));
            Assert.That(again.Output, Does.Contain($"Client '{client.Id}' unchanged."));
            Assert.That(shown.Output, Does.Contain("displayName\tNightly job"));
            Assert.That(shown.Output, Does.Contain($"scopes\t{TestSeed.OrdersRead},{TestSeed.OrdersWrite}"));
            Assert.That(await OAuth.IsActiveAsync(token, client), Is.True, "the same secret keeps the tokens issued with it");
            Assert.That(await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersWrite), Is.Not.Empty, "the new scope is allowed");
        });
    }

    [Test]
    public async Task Replacing_a_client_that_registered_itself_keeps_it_a_stranger_and_its_secret()
    {
        var secret = "cli-stranger-secret-" + Guid.NewGuid().ToString("N")[..12];
        var clientId = await RegisterStrangerAsync("cli-stranger", secret);

        var replaced = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", clientId, "--secret", secret, "--grant", "authorization_code",
            "--redirect-uri", TestSeed.WebAppCallback, "--scope", "openid", "--name", "Taken over", "--no-pkce", "--replace");
        var madePublic = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", clientId, "--grant", "authorization_code",
            "--redirect-uri", TestSeed.WebAppCallback, "--scope", "openid", "--replace");
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", clientId);

        Assert.Multiple(() =>
        {
            Assert.That(replaced.ExitCode, Is.Zero, replaced.Error);
            Assert.That(shown.Output, Does.Contain("displayName\tTaken over"));
            Assert.That(shown.Output, Does.Contain("firstParty\tfalse"), "its users are still asked for consent");
            Assert.That(shown.Output, Does.Contain("requirePkce\ttrue"), "it still sends PKCE");
            Assert.That(shown.Output, Does.Contain("selfRegistered\ttrue"));
            Assert.That(madePublic.ExitCode, Is.EqualTo(1));
            Assert.That(madePublic.Error, Does.Contain("keeps how it authenticates"));
            Assert.That(shown.Output, Does.Contain("clientType\tconfidential"));
        });
    }

    [Test]
    public async Task A_client_added_with_a_jwks_file_signs_its_assertions_with_those_keys_and_a_file_that_is_not_json_is_refused()
    {
        var keys = Auth.Api.Tests.OAuth.PrivateKeyJwt.ClientKeys.Rsa();
        var clientId = "cli-keys-" + Guid.NewGuid().ToString("N")[..8];
        var folder = Directory.CreateTempSubdirectory("auth-cli-jwks-");
        try
        {
            var jwksFile = Path.Combine(folder.FullName, "jwks.json");
            var brokenFile = Path.Combine(folder.FullName, "broken.json");
            await File.WriteAllTextAsync(jwksFile, keys.Jwks.GetRawText());
            await File.WriteAllTextAsync(brokenFile, "{\"keys\": [");

            var broken = await AuthExecutable.RunAsync(Server.Store,
                "clients", "add", "--id", clientId, "--jwks-file", brokenFile, "--grant", "client_credentials", "--scope", TestSeed.OrdersRead);
            var added = await AuthExecutable.RunAsync(Server.Store,
                "clients", "add", "--id", clientId, "--jwks-file", jwksFile, "--grant", "client_credentials", "--scope", TestSeed.OrdersRead);
            using var token = await OAuth.PostFormAsync("/oauth/token", Auth.Api.Tests.OAuth.PrivateKeyJwt.ClientKeys.TokenForm(
                clientId, keys.Assertion(clientId, new Uri(Server.BaseAddress, "oauth/token").AbsoluteUri, issuedAt: Server.Clock.GetUtcNow()), TestSeed.OrdersRead));

            Assert.Multiple(async () =>
            {
                Assert.That(broken.ExitCode, Is.EqualTo(1), broken.Error);
                Assert.That(broken.Error, Does.Contain("is not JSON").And.Not.Contain("   at "), "a message, not a stack trace");
                Assert.That(added.ExitCode, Is.Zero, added.Error);
                Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), await token.Content.ReadAsStringAsync());
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
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
