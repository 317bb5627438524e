using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Scim;

namespace Auth.Api.Tests.Cli;

/// <summary>The long-lived token an operator mints for Okta's or Entra ID's SCIM connector.</summary>
public sealed class ProvisioningTokenTests(StoreKind store) : ScimTest(store)
{
    [Test]
    public async Task A_minted_token_provisions_lasts_as_long_as_the_signing_key_policy_allows_and_can_be_revoked()
    {
        var minted = await AuthExecutable.RunAsync(Server.Store, Server.BaseAddress, "clients", "token", "--id", TestSeed.ScimClient.Id);
        Assert.That(minted.ExitCode, Is.Zero, minted.Error);
        var token = minted.Output.Trim();
        var client = new ScimClient(Server.Client, token);

        var (listed, _) = await client.GetAsync("/Users?count=1");
        var introspection = await OAuth.IntrospectAsync(token, TestSeed.ScimClient);

        Assert.Multiple(() =>
        {
            Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(introspection.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(Jwt.Payload(token)["scope"]!.GetValue<string>(), Is.EqualTo("scim"));
            var expires = DateTimeOffset.FromUnixTimeSeconds(Jwt.Payload(token)["exp"]!.GetValue<long>());
            Assert.That(expires, Is.EqualTo(DateTimeOffset.UtcNow.AddDays(31)).Within(TimeSpan.FromMinutes(5)), "SigningKeys:MaximumTokenLifetime by default");
        });

        using var revoked = await OAuth.RevokeAsync(token, TestSeed.ScimClient);
        var (afterRevocation, _) = await client.GetAsync("/Users?count=1");
        Assert.That(afterRevocation.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Minting_a_token_is_an_audit_event_naming_the_client_and_never_the_token()
    {
        // The other tests of this fixture mint tokens too; the executable's clock is the real one.
        var since = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var minted = await AuthExecutable.RunAsync(Server.Store, Server.BaseAddress, "clients", "token", "--id", TestSeed.ScimClient.Id, "--days", "2");
        Assert.That(minted.ExitCode, Is.Zero, minted.Error);
        var token = minted.Output.Trim();

        var listed = await AuthExecutable.RunAsync(Server.Store,
            "audit", "list", "--type", "client.token_minted", "--client", TestSeed.ScimClient.Id, "--since", since);

        Assert.That(listed.ExitCode, Is.Zero, listed.Error);
        var fields = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(fields, Has.Count.EqualTo(1));
            Assert.That(fields[0][2..4], Is.EqualTo(new[] { "client.token_minted", "success" }));
            Assert.That(fields[0][5], Is.EqualTo(TestSeed.ScimClient.Id));
            Assert.That(fields[0][7], Does.Contain("scim"), "the detail says what the token may do");
            Assert.That(listed.Output, Does.Not.Contain(token).And.Not.Contain(token.Split('.')[2]), "never the token or its signature");
        });
    }

    [Test]
    public async Task A_client_without_the_scope_gets_no_token()
    {
        var minted = await AuthExecutable.RunAsync(Server.Store, "clients", "token", "--id", TestSeed.ServiceA.Id);

        Assert.That(minted.ExitCode, Is.Not.Zero);
        Assert.That(minted.Error, Does.Contain("may not use the scope"));
        Assert.That(minted.Output.Trim(), Is.Empty);
    }

    [TestCase("400")]
    [TestCase("99999999")]
    [TestCase("0")]
    public async Task A_token_that_would_outlive_its_signing_key_is_refused(string days)
    {
        var minted = await AuthExecutable.RunAsync(Server.Store, Server.BaseAddress, "clients", "token", "--id", TestSeed.ScimClient.Id, "--days", days);

        Assert.That(minted.ExitCode, Is.EqualTo(1), minted.Error);
        Assert.That(minted.Error, Does.Contain("SigningKeys:MaximumTokenLifetime"));
    }
}
