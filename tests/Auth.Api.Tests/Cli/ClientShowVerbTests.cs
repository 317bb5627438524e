using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

/// <summary><c>clients show</c>: every setting of one client as registered (here by the test seed file), never its secret.</summary>
public sealed class ClientShowVerbTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task Every_setting_of_a_client_is_shown_by_its_seed_file_name_and_the_secret_never()
    {
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", TestSeed.WebApp.Id);

        Assert.That(shown.ExitCode, Is.Zero, shown.Error);
        Assert.That(Lines(shown.Output), Is.EqualTo(new[]
        {
            ("clientId", TestSeed.WebApp.Id),
            ("displayName", "Web App"),
            ("clientType", "confidential"),
            ("firstParty", "true"),
            ("selfRegistered", "false"),
            ("requirePkce", "true"),
            ("requireMfa", "false"),
            ("requirePushedAuthorizationRequests", "false"),
            ("requireDPoP", "false"),
            ("userinfoSignedResponseAlg", "-"),
            ("requestObjectSigningAlg", "-"),
            ("requireSignedRequestObject", "false"),
            ("requestUris", "-"),
            ("grantTypes", "authorization_code,refresh_token"),
            ("scopes", "email,mfa,offline_access,openid,orders.read,profile"),
            ("redirectUris", TestSeed.WebAppCallback),
            ("postLogoutRedirectUris", TestSeed.WebAppSignedOut),
            ("allowedCorsOrigins", "-"),
            ("accessTokenLifetime", "default"),
            ("refreshTokenLifetime", "default"),
            ("refreshTokenAbsoluteLifetime", "86400"),
            ("groupsClaim", "displayName"),
            ("jwks", "-"),
            ("backchannelLogoutUri", "-"),
            ("backchannelLogoutSessionRequired", "true"),
            ("frontchannelLogoutUri", "-"),
            ("frontchannelLogoutSessionRequired", "true"),
            ("jwksUri", "-"),
            ("logoUri", "-"),
            ("policyUri", "-"),
            ("tosUri", "-"),
            ("clientUri", "-"),
            ("contacts", "-"),
        }));
        Assert.That(shown.Output, Does.Not.Contain(TestSeed.WebApp.Secret).And.Not.Contain("secret"));
    }

    [TestCase("spa", "clientType", "public")]
    [TestCase("spa", "postLogoutRedirectUris", "-")]
    [TestCase("spa", "allowedCorsOrigins", "http://localhost:5173,https://spa.example")]
    [TestCase("signed-userinfo-app", "userinfoSignedResponseAlg", "RS256")]
    [TestCase("partner-app", "firstParty", "false")]
    [TestCase("no-pkce-app", "requirePkce", "false")]
    [TestCase("mfa-app", "requireMfa", "true")]
    [TestCase("service-b", "accessTokenLifetime", "900")]
    [TestCase("group-ids-app", "groupsClaim", "id")]
    [TestCase("two-uri-app", "redirectUris", "https://two.example/a,https://two.example/b")]
    [TestCase("two-uri-app", "logoUri", "https://two.example/logo.png")]
    [TestCase("two-uri-app", "policyUri", "https://two.example/privacy")]
    [TestCase("two-uri-app", "tosUri", "https://two.example/terms")]
    public async Task A_setting_stated_in_the_seed_file_is_shown_as_stated(string clientId, string setting, string value)
    {
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", clientId);

        Assert.That(shown.ExitCode, Is.Zero, shown.Error);
        Assert.That(Lines(shown.Output), Does.Contain((setting, value)));
    }

    [Test]
    public async Task A_clients_roles_are_shown_one_group_a_line()
    {
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", TestSeed.HrPortal.Id);

        Assert.That(shown.ExitCode, Is.Zero, shown.Error);
        Assert.That(Lines(shown.Output).Where(s => s.Setting == "roles").Select(s => s.Value), Is.EqualTo(new[]
        {
            "admin=" + TestSeed.HrAdminsGroup, "admin=" + TestSeed.ItAdminsGroup, "approver=" + TestSeed.ApproverGroup,
        }));
    }

    [Test]
    public async Task A_client_added_with_a_backchannel_logout_uri_shows_it_and_a_bad_one_is_refused()
    {
        var id = "cli-bcl-" + Guid.NewGuid().ToString("N")[..8];
        var added = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", id, "--secret", "cli-bcl-secret-0001",
            "--grant", "authorization_code", "--scope", "openid", "--redirect-uri", "https://rp.example/cb",
            "--backchannel-logout-uri", "https://rp.example/backchannel-logout", "--backchannel-logout-session-not-required");
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", id);
        var refused = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", id + "-bad", "--secret", "cli-bcl-secret-0002",
            "--grant", "authorization_code", "--scope", "openid", "--redirect-uri", "https://rp.example/cb",
            "--backchannel-logout-uri", "http://rp.example/backchannel-logout");

        Assert.That(added.ExitCode, Is.Zero, added.Error);
        Assert.That(Lines(shown.Output), Does.Contain(("backchannelLogoutUri", "https://rp.example/backchannel-logout")));
        Assert.That(Lines(shown.Output), Does.Contain(("backchannelLogoutSessionRequired", "false")));
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Error, Does.Contain("backchannel logout URI"));
    }

    [Test]
    public async Task A_client_added_with_a_frontchannel_logout_uri_shows_it_and_one_on_another_origin_is_refused()
    {
        var id = "cli-fcl-" + Guid.NewGuid().ToString("N")[..8];
        var added = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", id, "--secret", "cli-fcl-secret-0001",
            "--grant", "authorization_code", "--scope", "openid", "--redirect-uri", "https://rp.example/cb",
            "--frontchannel-logout-uri", "https://rp.example/frontchannel-logout", "--frontchannel-logout-session-not-required");
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", id);
        var refused = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", id + "-bad", "--secret", "cli-fcl-secret-0002",
            "--grant", "authorization_code", "--scope", "openid", "--redirect-uri", "https://rp.example/cb",
            "--frontchannel-logout-uri", "https://elsewhere.example/frontchannel-logout");

        Assert.That(added.ExitCode, Is.Zero, added.Error);
        Assert.That(Lines(shown.Output), Does.Contain(("frontchannelLogoutUri", "https://rp.example/frontchannel-logout")));
        Assert.That(Lines(shown.Output), Does.Contain(("frontchannelLogoutSessionRequired", "false")));
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Error, Does.Contain("frontchannel logout URI must have the scheme, host and port"));
    }

    [Test]
    public async Task A_client_added_with_a_logo_and_links_shows_them_and_a_bad_one_is_refused()
    {
        var id = "cli-logo-" + Guid.NewGuid().ToString("N")[..8];
        var added = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", id, "--secret", "cli-logo-secret-0001",
            "--grant", "authorization_code", "--scope", "openid", "--redirect-uri", "https://rp.example/cb",
            "--logo-uri", "https://rp.example/logo.png", "--policy-uri", "https://rp.example/privacy", "--tos-uri", "https://rp.example/terms",
            "--client-uri", "https://rp.example/", "--contact", "ops@rp.example", "--contact", "security@rp.example");
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", id);
        var refused = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", id + "-bad", "--secret", "cli-logo-secret-0002",
            "--grant", "authorization_code", "--scope", "openid", "--redirect-uri", "https://rp.example/cb", "--logo-uri", "javascript:alert(1)");
        var badContact = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", id + "-bad-contact", "--secret", "cli-logo-secret-0003",
            "--grant", "authorization_code", "--scope", "openid", "--redirect-uri", "https://rp.example/cb", "--contact", "ops rp.example");

        Assert.That(added.ExitCode, Is.Zero, added.Error);
        Assert.That(Lines(shown.Output), Does.Contain(("logoUri", "https://rp.example/logo.png")));
        Assert.That(Lines(shown.Output), Does.Contain(("policyUri", "https://rp.example/privacy")));
        Assert.That(Lines(shown.Output), Does.Contain(("tosUri", "https://rp.example/terms")));
        Assert.That(Lines(shown.Output), Does.Contain(("clientUri", "https://rp.example/")));
        Assert.That(Lines(shown.Output), Does.Contain(("contacts", "ops@rp.example,security@rp.example")));
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Error, Does.Contain("logoUri"));
        Assert.That(badContact.ExitCode, Is.Not.Zero);
        Assert.That(badContact.Error, Does.Contain("A contact is an e-mail address"));
    }

    [Test]
    public async Task A_client_added_with_request_uris_shows_them_and_one_not_written_as_sent_is_refused()
    {
        var id = "cli-jar-" + Guid.NewGuid().ToString("N")[..8];
        var added = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", id, "--secret", "cli-jar-secret-0001",
            "--grant", "authorization_code", "--scope", "openid", "--redirect-uri", "https://rp.example/cb",
            "--request-uri", "https://rp.example/ro/1.jwt", "--request-uri", "https://rp.example/ro/2.jwt#hash");
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", id);
        var refused = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", id + "-bad", "--secret", "cli-jar-secret-0002",
            "--grant", "authorization_code", "--scope", "openid", "--redirect-uri", "https://rp.example/cb",
            "--request-uri", "https://RP.example:443/ro.jwt");

        Assert.That(added.ExitCode, Is.Zero, added.Error);
        Assert.That(Lines(shown.Output), Does.Contain(("requestUris", "https://rp.example/ro/1.jwt,https://rp.example/ro/2.jwt#hash")));
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Error, Does.Contain("written as it is sent: https://rp.example/ro.jwt"));
    }

    [Test]
    public async Task An_unknown_client_fails_with_exit_code_1_and_a_message()
    {
        var outcome = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", "no-such-client");

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.Error, Does.Contain("No client has the id 'no-such-client'"));
        Assert.That(outcome.Output, Is.Empty);
    }

    private static List<(string Setting, string Value)> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .Select(parts => (parts[0], parts[1]))
            .ToList();
}
