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
    public async Task A_client_without_the_scope_gets_no_token()
    {
        var minted = await AuthExecutable.RunAsync(Server.Store, "clients", "token", "--id", TestSeed.ServiceA.Id);

        Assert.That(minted.ExitCode, Is.Not.Zero);
        Assert.That(minted.Error, Does.Contain("may not use the scope"));
        Assert.That(minted.Output.Trim(), Is.Empty);
    }

    [Test]
    public async Task A_token_that_would_outlive_its_signing_key_is_refused()
    {
        var minted = await AuthExecutable.RunAsync(Server.Store, Server.BaseAddress, "clients", "token", "--id", TestSeed.ScimClient.Id, "--days", "400");

        Assert.That(minted.ExitCode, Is.Not.Zero);
        Assert.That(minted.Error, Does.Contain("SigningKeys:MaximumTokenLifetime"));
    }
}
