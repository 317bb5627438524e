using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.TestSupport;

namespace Auth.Api.Tests.Nodes;

/// <summary>
/// Two nodes on one store behave as one service: the test server is node A, a second process is node B. Tokens,
/// revocations, sign-in state (Data Protection keys) and signing keys all live in the shared database.
/// </summary>
public sealed class TwoNodeTests(StoreKind store) : UserFlowTest(store)
{
    private AuthProcess? _nodeB;

    private AuthProcess NodeB => _nodeB ?? throw new InvalidOperationException("Node B is not running.");

    [OneTimeSetUp]
    public async Task StartNodeB() => _nodeB = await StartNodeBesideAsync();

    /// <summary>
    /// docs/security.md rule 144: the service never turns the .NET runtime's W^X protection off itself (only the test
    /// harnesses that start an ephemeral child do, in its environment).
    /// </summary>
    [Test]
    public void A_node_runs_with_the_runtimes_write_xor_execute_protection() =>
        Assert.That(WriteXorExecuteMappings.MapsCompiledCodeTwice(NodeB.ProcessId), Is.True, "node B's compiled code is not double-mapped: W^X is off");

    [Test]
    public async Task A_token_issued_on_one_node_introspects_active_on_the_other()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        var introspection = await new OAuthClient(NodeB.Client).IntrospectAsync(token, TestSeed.OrdersApiClient);

        Assert.Multiple(() =>
        {
            Assert.That(introspection.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(introspection.GetProperty("client_id").GetString(), Is.EqualTo(TestSeed.ServiceA.Id));
        });
    }

    [Test]
    public async Task A_token_revoked_on_one_node_is_inactive_on_the_other()
    {
        var onB = new OAuthClient(NodeB.Client);
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.True);

        using var revocation = await onB.RevokeAsync(token, TestSeed.ServiceA, "access_token");
        var acknowledged = Propagation.Now();

        // At once on the node that revoked it; within a second on the other (ADR 0010).
        Assert.Multiple(async () =>
        {
            Assert.That(revocation.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await onB.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.False, "on node B");
        });
        await Propagation.AssertRefusedWithinLimitAsync("revoked on node B", acknowledged,
            [TokenProbe.Introspection(Server.Client, token, TestSeed.OrdersApiClient)]);
    }

    [Test]
    public async Task A_sign_in_started_on_one_node_completes_on_the_other()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        using var onA = NewBrowser();
        using var onB = new UserAgent(NodeB.BaseAddress, onA.Cookies);

        // Node A answers the authorization request and serves the login page (antiforgery cookie and field).
        using var challenge = await onA.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce));
        Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var loginUrl = challenge.Headers.Location!.OriginalString;
        using var page = await onA.GetAsync(loginUrl);
        var html = await page.Content.ReadAsStringAsync();

        // Node B takes the form, sets the session, and finishes the authorization request.
        using var signedIn = await onB.SubmitFormAsync(html, loginUrl, new Dictionary<string, string> { ["UserName"] = user, ["Password"] = Password });
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await signedIn.Content.ReadAsStringAsync());
        var callback = await onB.FollowLocalRedirectsAsync(signedIn);
        var code = CallbackParameters(callback, TestSeed.WebAppCallback)["code"];

        using var redemption = await new OAuthClient(NodeB.Client).PostFormAsync("/oauth/token",
            OAuthClient.Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestSeed.WebAppCallback), ("code_verifier", pkce.Verifier)),
            OAuthClient.Basic(TestSeed.WebApp.Id, TestSeed.WebApp.Secret));
        var tokens = await OAuthClient.ReadJsonAsync(redemption);
        Assert.That(redemption.StatusCode, Is.EqualTo(HttpStatusCode.OK), tokens.ToString());

        // And the session cookie node B set is good on node A too: A's next authorization needs no password.
        using var again = await onA.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        Assert.Multiple(async () =>
        {
            Assert.That(Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["sub"], Is.Not.Null);
            Assert.That(await OAuth.IsActiveAsync(tokens.GetProperty("access_token").GetString()!, TestSeed.WebApp), Is.True);
            Assert.That(UserAgent.QueryOf(again.Headers.Location!), Does.ContainKey("code"), "node A accepts node B's session");
        });
    }

    [Test]
    public async Task A_session_ended_on_one_node_is_refused_on_the_other_at_once()
    {
        var user = await CreateUserAsync();
        using var onA = NewBrowser();
        await SignInThroughAsync(onA, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        using var thiefOnB = onA.Copy(NodeB.BaseAddress);
        var silently = AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("prompt", "none")]);
        using (var before = await thiefOnB.GetAsync(silently))
        {
            Assert.That(CallbackParameters(before, TestSeed.WebAppCallback), Does.ContainKey("code"), "node B accepts the session");
        }

        // The user signs out on node A, confirming on the page.
        using var page = await onA.GetAsync("/oauth/logout");
        using var confirmed = await onA.SubmitFormAsync(await page.Content.ReadAsStringAsync(), "/oauth/logout", new Dictionary<string, string>(), button: "confirm=yes");
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        using var after = await thiefOnB.GetAsync(silently);
        Assert.That(CallbackParameters(after, TestSeed.WebAppCallback)["error"], Is.EqualTo("login_required"), "node B refuses the copy with no delay");
    }

    [Test]
    public async Task A_key_rotated_while_both_run_is_published_by_the_other_node_and_its_tokens_verify_there()
    {
        var before = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var oldKid = Jwt.Header(before)["kid"]!.GetValue<string>();

        var rotation = await AuthExecutable.RunAsync(Server.Store, "keys", "rotate");
        Assert.That(rotation.ExitCode, Is.EqualTo(0), rotation.Error);

        // Both nodes publish the new key within a second (their refresh interval here) and sign with it from its start,
        // SigningKeys:PublishAhead (3 s here) after the rotation: node B already has it when node A signs its first token.
        var after = await Eventually.ReadAsync(
            () => OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead),
            token => Jwt.Header(token)["kid"]!.GetValue<string>() != oldKid,
            TimeSpan.FromSeconds(15));
        var newKid = Jwt.Header(after)["kid"]!.GetValue<string>();
        var activeOnB = await new OAuthClient(NodeB.Client).IsActiveAsync(after, TestSeed.OrdersApiClient);
        var tokenFromB = await Eventually.ReadAsync(
            () => new OAuthClient(NodeB.Client).GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead),
            token => Jwt.Header(token)["kid"]!.GetValue<string>() == newKid,
            TimeSpan.FromSeconds(5));
        var kidsOnB = await Eventually.ReadAsync(() => Jwt.PublishedKidsAsync(NodeB.Client), kids => kids.Contains(newKid), TimeSpan.FromSeconds(15));

        Assert.Multiple(async () =>
        {
            Assert.That(newKid, Is.Not.EqualTo(oldKid));
            Assert.That(kidsOnB, Does.Contain(newKid).And.Contain(oldKid), "node B publishes the new key and still the old one");
            Assert.That(await Jwt.VerifiesWithJwksOfAsync(NodeB.Client, after, Server.BaseAddress), Is.True, "a token node A signed with the new key verifies against B's JWKS");
            Assert.That(activeOnB, Is.True, "node A's first token with the new key introspects active on B at once");
            Assert.That(Jwt.Header(tokenFromB)["kid"]!.GetValue<string>(), Is.EqualTo(newKid), "node B signs with it too");
            Assert.That(await Jwt.VerifiesWithJwksOfAsync(NodeB.Client, before, Server.BaseAddress), Is.True, "the old key's token still verifies");
        });
    }
}
