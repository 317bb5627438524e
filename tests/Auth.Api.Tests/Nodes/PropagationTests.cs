using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Auth.Application.Consent;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Nodes;

/// <summary>
/// Issue #15: a change made on node A (the test server), or by the command line, is refused on node B (a second
/// process on the same store) within <see cref="Propagation.Limit"/>, by introspection and by the service's own APIs.
/// Each measured time goes to the test output.
/// </summary>
public sealed class PropagationTests(StoreKind store) : UserFlowTest(store)
{
    private static readonly string[] ClientScopes = ["scim", TestSeed.OrdersRead];

    private AuthProcess? _nodeB;

    private static string Scopes => string.Join(' ', ClientScopes);

    private AuthProcess NodeB => _nodeB ?? throw new InvalidOperationException("Node B is not running.");

    [OneTimeSetUp]
    public async Task StartNodeB() => _nodeB = await StartNodeBesideAsync();

    [Test]
    public async Task A_token_revoked_on_node_A_is_refused_on_node_B_within_a_second()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var onB = TokenProbe.OfProvisioningClient(NodeB.Client, token, TestSeed.ScimClient);
        await TokenProbe.AssertAcceptedAsync(onB);

        using var revoked = await OAuth.RevokeAsync(token, TestSeed.ScimClient, "access_token");
        var acknowledged = Propagation.Now();

        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Propagation.AssertRefusedWithinLimitAsync("revoke on A → B", acknowledged, onB);
    }

    [Test]
    public async Task A_user_deactivated_over_scim_on_node_A_has_their_token_refused_on_node_B_within_a_second()
    {
        var (_, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var onB = TokenProbe.OfUser(NodeB.Client, tokens.GetProperty("access_token").GetString()!, TestSeed.WebApp);
        await TokenProbe.AssertAcceptedAsync(onB);
        var scim = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim"));
        var id = Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["sub"]!.GetValue<string>();

        var (patched, body) = await scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"replace","value":{"active":false}}"""));
        var acknowledged = Propagation.Now();

        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        await Propagation.AssertRefusedWithinLimitAsync("SCIM deactivation on A → B", acknowledged, onB);
    }

    [Test]
    public async Task A_consent_withdrawn_on_node_A_has_the_clients_token_refused_on_node_B_within_a_second()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, TestSeed.MfaScopes, pkce), user);
        using var allowed = await browser.SubmitFormAsync(await consent.Content.ReadAsStringAsync(), "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        var code = CallbackParameters(allowed, TestSeed.PartnerCallback)["code"];
        var tokens = await RedeemForTokensAsync(TestSeed.PartnerApp, code, TestSeed.PartnerCallback, pkce.Verifier);
        var onB = TokenProbe.OfUser(NodeB.Client, tokens.GetProperty("access_token").GetString()!, TestSeed.PartnerApp);
        await TokenProbe.AssertAcceptedAsync(onB);

        using (var scope = Server.Services.CreateScope())
        {
            var withdrawn = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new WithdrawConsent(user, TestSeed.PartnerApp.Id));
            Assert.That(withdrawn.Succeeded, Is.True, withdrawn.Error?.Description);
        }

        await Propagation.AssertRefusedWithinLimitAsync("consent withdrawn on A → B", Propagation.Now(), onB);
    }

    [Test]
    public async Task A_client_removed_on_node_A_has_its_token_refused_on_node_B_within_a_second()
    {
        var client = await RegisterOwnClientAsync("propagating", ClientScopes);
        var token = await OAuth.GetAccessTokenAsync(client, Scopes);
        var onB = ProbesOfClientToken(NodeB.Client, token);
        await TokenProbe.AssertAcceptedAsync(onB);

        using (var scope = Server.Services.CreateScope())
        {
            var removed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RemoveClient(client.Id));
            Assert.That(removed.Succeeded, Is.True, removed.Error?.Description);
        }

        await Propagation.AssertRefusedWithinLimitAsync("client removed on A → B", Propagation.Now(), onB);
    }

    [Test]
    public async Task A_client_secret_changed_on_the_command_line_has_the_older_tokens_refused_on_both_nodes_within_a_second()
    {
        var client = await RegisterOwnClientAsync("propagating", ClientScopes);
        var token = await OAuth.GetAccessTokenAsync(client, Scopes);
        TokenProbe[] onBoth = [.. ProbesOfClientToken(Server.Client, token), .. ProbesOfClientToken(NodeB.Client, token)];
        await TokenProbe.AssertAcceptedAsync(onBoth);
        var seed = Path.Combine(Server.Store.DataDirectory, $"seed-{client.Id}.json");
        await File.WriteAllTextAsync(seed, JsonSerializer.Serialize(new
        {
            clients = new[] { new { clientId = client.Id, clientSecret = "rotated-secret-" + Guid.NewGuid().ToString("N")[..12], grantTypes = new[] { "client_credentials" }, scopes = ClientScopes } },
        }));

        var seeded = await AuthExecutable.RunAsync(Server.Store, "seed", "--file", seed);
        var acknowledged = Propagation.Now();

        Assert.That(seeded.ExitCode, Is.Zero, seeded.Error);
        await Propagation.AssertRefusedWithinLimitAsync("client secret changed (CLI) → A and B", acknowledged, onBoth);
    }

    [Test]
    public async Task A_cors_origin_added_on_node_A_counts_on_node_B_within_a_second_and_its_clients_removal_ends_it()
    {
        var origin = $"https://app-{Guid.NewGuid().ToString("N")[..10]}.example";
        var client = await RegisterOwnClientAsync("cors-propagating", ClientScopes);
        using (var before = await PreflightAsync(NodeB.Client, origin))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "not listed yet; node B now holds the origins");
        }

        using var scope = Server.Services.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var listed = await sender.Send(new UpdateClient(new ClientDefinition
        {
            ClientId = client.Id,
            GrantTypes = ["client_credentials"],
            Scopes = ClientScopes,
            AllowedCorsOrigins = [origin],
        }));
        Assert.That(listed.Succeeded, Is.True, listed.Error?.Description);
        var added = await UntilPreflightAnswersAsync(NodeB.Client, origin, HttpStatusCode.NoContent, Propagation.Now());

        var removed = await sender.Send(new RemoveClient(client.Id));
        Assert.That(removed.Succeeded, Is.True, removed.Error?.Description);
        var ended = await UntilPreflightAnswersAsync(NodeB.Client, origin, HttpStatusCode.Forbidden, Propagation.Now());

        await TestContext.Out.WriteLineAsync($"propagation CORS origin added on A → B: {added?.TotalMilliseconds:F0} ms; removed: {ended?.TotalMilliseconds:F0} ms");
        Assert.Multiple(() =>
        {
            Assert.That(added, Is.Not.Null, $"node B still refused the origin {Propagation.Limit.TotalMilliseconds:F0} ms after it was listed");
            Assert.That(ended, Is.Not.Null, $"node B still let the origin in {Propagation.Limit.TotalMilliseconds:F0} ms after its client was removed");
        });
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient node, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/oauth/token");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return node.SendAsync(request);
    }

    /// <summary>How long after <paramref name="acknowledged"/> the node first answered the preflight so; null when not within the limit.</summary>
    private static async Task<TimeSpan?> UntilPreflightAnswersAsync(HttpClient node, string origin, HttpStatusCode status, long acknowledged)
    {
        while (System.Diagnostics.Stopwatch.GetElapsedTime(acknowledged) <= Propagation.Limit)
        {
            var sent = System.Diagnostics.Stopwatch.GetElapsedTime(acknowledged);
            using var response = await PreflightAsync(node, origin);
            if (response.StatusCode == status)
            {
                return sent;
            }

            await Task.Delay(20);
        }

        return null;
    }

    /// <summary>A client's own token for SCIM and orders-api: the audience introspects it (its client may be gone), SCIM takes it.</summary>
    private static TokenProbe[] ProbesOfClientToken(HttpClient node, string token) =>
        [TokenProbe.Introspection(node, token, TestSeed.OrdersApiClient), TokenProbe.Scim(node, token)];
}
