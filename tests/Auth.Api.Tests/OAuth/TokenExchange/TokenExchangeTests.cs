using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.OAuth.DPoP;
using Auth.Application.Audit;
using Auth.Application.Clients;
using Auth.Application.Scopes;
using Auth.Application.Users;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth.TokenExchange;

/// <summary>
/// Token exchange (RFC 8693): a user signs in at a front end, whose access token is addressed to a back-end service;
/// the service exchanges it for a narrower token to call the orders API. Then every way to widen or abuse it.
/// </summary>
public sealed class TokenExchangeTests(StoreKind store) : UserFlowTest(store)
{
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    private const string GrantType = ClientGrantTypes.TokenExchange;

    [Test]
    public async Task Openid_client_exchanges_a_users_token_for_a_narrower_one_that_works()
    {
        var party = await ArrangeAsync();

        var result = await RelyingPartyScript.RunAsync("token-exchange.mjs", new
        {
            issuer = Server.BaseAddress.AbsoluteUri,
            clientId = party.Service.Id,
            clientSecret = party.Service.Secret,
            subjectToken = party.SubjectToken,
            scope = $"openid {TestSeed.OrdersRead}",
            audience = TestSeed.OrdersApi,
        });
        var tokens = result.GetProperty("tokens");
        var issued = tokens.GetProperty("access_token").GetString()!;
        var claims = Jwt.Payload(issued);
        var subject = Jwt.Payload(party.SubjectToken);

        Assert.Multiple(async () =>
        {
            Assert.That(tokens.GetProperty("issued_token_type").GetString(), Is.EqualTo(AccessTokenType));
            Assert.That(tokens.GetProperty("token_type").GetString(), Is.EqualTo("Bearer").IgnoreCase);
            Assert.That(tokens.TryGetProperty("refresh_token", out _), Is.False);
            Assert.That(tokens.TryGetProperty("id_token", out _), Is.False);
            Assert.That(claims["sub"]!.GetValue<string>(), Is.EqualTo(subject["sub"]!.GetValue<string>()));
            Assert.That(claims["client_id"]!.GetValue<string>(), Is.EqualTo(party.Service.Id));
            Assert.That(Audiences(claims), Is.EqualTo(new[] { TestSeed.OrdersApi }));
            Assert.That(claims["scope"]!.GetValue<string>().Split(' '), Is.EquivalentTo(new[] { "openid", TestSeed.OrdersRead }));
            Assert.That(claims.ContainsKey("act"), Is.False, "impersonation: nobody new acts");
            Assert.That(claims["exp"]!.GetValue<long>(), Is.LessThanOrEqualTo(subject["exp"]!.GetValue<long>()));
            Assert.That(result.GetProperty("introspection").GetProperty("active").GetBoolean(), Is.True);
            Assert.That(result.GetProperty("userinfo").GetProperty("sub").GetString(), Is.EqualTo(subject["sub"]!.GetValue<string>()));
            Assert.That(await OAuth.IsActiveAsync(issued, TestSeed.OrdersApiClient), Is.True, "the orders API accepts it");
        });
    }

    [Test]
    public async Task With_an_actor_token_the_token_says_who_acts_and_a_second_exchange_nests_it()
    {
        var party = await ArrangeAsync();
        var actorToken = await OAuth.GetAccessTokenAsync(party.Service, TestSeed.OrdersRead);

        var first = await ExchangeForTokenAsync(party.Service, party.SubjectToken, $"openid {TestSeed.OrdersRead}", actorToken: actorToken);
        var second = await ExchangeForTokenAsync(party.Service, first, TestSeed.OrdersRead, actorToken: actorToken);

        var act = Jwt.Payload(first)["act"]!.AsObject();
        var nested = Jwt.Payload(second)["act"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(act["sub"]!.GetValue<string>(), Is.EqualTo(party.Service.Id));
            Assert.That(nested["sub"]!.GetValue<string>(), Is.EqualTo(party.Service.Id));
            Assert.That(nested["act"]!["sub"]!.GetValue<string>(), Is.EqualTo(party.Service.Id), "RFC 8693 §4.1: the earlier actor nested");
            Assert.That(Jwt.Payload(second)["sub"]!.GetValue<string>(), Is.EqualTo(Jwt.Payload(party.SubjectToken)["sub"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task No_scope_asked_for_gives_the_scopes_the_subject_token_and_the_client_share()
    {
        var party = await ArrangeAsync();

        var issued = await ExchangeForTokenAsync(party.Service, party.SubjectToken, scope: null);

        var claims = Jwt.Payload(issued);
        Assert.Multiple(() =>
        {
            Assert.That(claims["scope"]!.GetValue<string>().Split(' '), Is.EquivalentTo(new[] { "openid", "profile", TestSeed.OrdersRead }),
                "not the service's own scope, which the service is not permitted; not orders.write, which the user's token lacks");
            Assert.That(Audiences(claims), Is.EqualTo(new[] { TestSeed.OrdersApi }));
        });
    }

    [Test]
    public async Task The_exchanged_token_ends_no_later_than_the_subject_token()
    {
        var party = await ArrangeAsync();
        Server.Clock.Advance(TimeSpan.FromMinutes(50));

        var issued = await ExchangeForTokenAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead);

        Assert.That(Jwt.Payload(issued)["exp"]!.GetValue<long>(), Is.LessThanOrEqualTo(Jwt.Payload(party.SubjectToken)["exp"]!.GetValue<long>()));
    }

    [Test]
    public async Task Each_exchange_is_audited()
    {
        var party = await ArrangeAsync();
        var actorToken = await OAuth.GetAccessTokenAsync(party.Service, TestSeed.OrdersRead);

        await ExchangeForTokenAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead, actorToken: actorToken);

        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        var entries = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EventType == SecurityEventTypes.TokenExchanged && e.ClientId == party.Service.Id).ToListAsync();
        Assert.That(entries, Has.Count.EqualTo(1));
        Assert.That(entries[0].Detail, Does.Contain($"from={party.Front.Id}").And.Contain($"actor={party.Service.Id}").And.Contain(TestSeed.OrdersRead));
        Assert.That(entries[0].SubjectId, Is.EqualTo(Jwt.Payload(party.SubjectToken)["sub"]!.GetValue<string>()));
    }

    // Widening (docs/security.md R131).

    [Test]
    public async Task A_scope_the_subject_token_lacks_is_invalid_scope()
    {
        var party = await ArrangeAsync();

        await AssertErrorAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersWrite), "invalid_scope");
    }

    [Test]
    public async Task A_scope_the_client_may_not_use_is_invalid_scope_even_when_the_subject_token_has_it()
    {
        var party = await ArrangeAsync();

        await AssertErrorAsync(await ExchangeAsync(party.Service, party.SubjectToken, party.ServiceScope), "invalid_scope");
    }

    [Test]
    public async Task Offline_access_never_passes_through_an_exchange()
    {
        var party = await ArrangeAsync(userScope: $"openid profile offline_access {TestSeed.OrdersRead} {{service}}");
        var refreshing = await ArrangeAsync(userScope: $"openid profile offline_access {TestSeed.OrdersRead} {{service}}", serviceMayRefresh: true);

        // OpenIddict refuses offline_access to a client without the refresh_token grant; with it, the exchange still does.
        await AssertErrorAsync(await ExchangeAsync(party.Service, party.SubjectToken, "openid offline_access"), "invalid_request");
        await AssertErrorAsync(await ExchangeAsync(refreshing.Service, refreshing.SubjectToken, "openid offline_access"), "invalid_scope");
    }

    [Test]
    public async Task The_mfa_scope_never_passes_through_an_exchange_even_by_the_client_it_was_given_to()
    {
        // The mfa scope comes alone with the OpenID Connect scopes (KeepTheMfaScopeApart): the front end exchanges its own token.
        var party = await ArrangeAsync(userScope: "openid profile mfa", frontExchanges: true);

        await AssertErrorAsync(await ExchangeAsync(party.Front, party.SubjectToken, "openid mfa"), "invalid_scope");
        await AssertErrorAsync(await ExchangeAsync(party.Front, party.SubjectToken, "mfa"), "invalid_scope");
    }

    [Test]
    public async Task A_dpop_bound_token_is_exchanged_by_its_own_client_only_with_a_proof_by_its_key_and_by_its_audience_as_received()
    {
        using var key = new DPoPKey();
        using var other = new DPoPKey();
        var party = await ArrangeAsync(frontExchanges: true, frontKey: key);
        Assert.That(DPoPRequests.BoundThumbprint(party.SubjectToken), Is.EqualTo(key.Thumbprint), "the front end's token is bound to its key");

        await AssertErrorAsync(await ExchangeAsync(party.Front, party.SubjectToken, TestSeed.OrdersRead), "invalid_dpop_proof");
        await AssertErrorAsync(await ExchangeAsync(party.Front, party.SubjectToken, TestSeed.OrdersRead, proof: other.Proof("POST", TokenEndpoint)), "invalid_dpop_proof");
        using var byItsKey = await ExchangeAsync(party.Front, party.SubjectToken, $"openid {TestSeed.OrdersRead}", proof: key.Proof("POST", TokenEndpoint));
        var exchanged = await OAuthClient.ReadJsonAsync(byItsKey);
        var exchangedToken = exchanged.GetProperty("access_token").GetString()!;
        var userInfo = DPoPRequests.At(Server.BaseAddress, "/oauth/userinfo");
        using var asBearer = await DPoPRequests.GetAsync(Server.Client, "/oauth/userinfo", "Bearer", exchangedToken, proof: null);
        using var withProof = await DPoPRequests.GetAsync(Server.Client, "/oauth/userinfo", "DPoP", exchangedToken, key.Proof("GET", userInfo, exchangedToken));
        using var byTheAudience = await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead);
        var received = await OAuthClient.ReadJsonAsync(byTheAudience);

        Assert.Multiple(() =>
        {
            Assert.That(byItsKey.StatusCode, Is.EqualTo(HttpStatusCode.OK), exchanged.ToString());
            Assert.That(exchanged.GetProperty("token_type").GetString(), Is.EqualTo("DPoP"));
            Assert.That(DPoPRequests.BoundThumbprint(exchangedToken), Is.EqualTo(key.Thumbprint), "still bound to the key");
            Assert.That(asBearer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a bound token is no Bearer token");
            Assert.That(withProof.StatusCode, Is.EqualTo(HttpStatusCode.OK), "with the DPoP scheme and a proof by the key");
            Assert.That(byTheAudience.StatusCode, Is.EqualTo(HttpStatusCode.OK), received.ToString());
            Assert.That(DPoPRequests.BoundThumbprint(received.GetProperty("access_token").GetString()!), Is.Null,
                "the audience never held the front end's key; it exchanges what it received with its own authentication");
        });
    }

    [Test]
    public async Task An_actor_token_bound_to_a_key_acts_only_with_a_proof_by_it()
    {
        using var key = new DPoPKey();
        var party = await ArrangeAsync();
        using var actorResponse = await DPoPRequests.ClientCredentialsAsync(Server.Client, party.Service, TestSeed.OrdersRead, key.Proof("POST", TokenEndpoint));
        var actor = (await OAuthClient.ReadJsonAsync(actorResponse)).GetProperty("access_token").GetString()!;

        await AssertErrorAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead, actorToken: actor), "invalid_dpop_proof");
        using var withProof = await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead, actorToken: actor, proof: key.Proof("POST", TokenEndpoint));
        Assert.That(withProof.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await OAuthClient.ReadJsonAsync(withProof)).ToString());
    }

    [Test]
    public async Task An_audience_outside_the_resources_of_the_scope_is_invalid_target()
    {
        var party = await ArrangeAsync();

        // The service is among the subject token's audiences, but not a resource of orders.read; scim is nobody's here.
        await AssertErrorAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead, audience: party.Service.Id), "invalid_target");
        await AssertErrorAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead, audience: "scim"), "invalid_target");
    }

    [Test]
    public async Task A_resource_indicator_is_invalid_target()
    {
        var party = await ArrangeAsync();

        await AssertErrorAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead, resource: "https://orders.example/api"), "invalid_target");
    }

    // Who may exchange (R130).

    [Test]
    public async Task A_client_without_the_grant_is_unauthorized_client()
    {
        var party = await ArrangeAsync();

        await AssertErrorAsync(await ExchangeAsync(TestSeed.ServiceA, party.SubjectToken, TestSeed.OrdersRead), "unauthorized_client");
    }

    [Test]
    public async Task A_public_client_cannot_exchange_nor_be_registered_for_the_grant()
    {
        var party = await ArrangeAsync();

        using var response = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(("grant_type", GrantType), ("client_id", TestSeed.SpaId),
            ("subject_token", party.SubjectToken), ("subject_token_type", AccessTokenType), ("scope", "openid")));
        var registration = Assert.ThrowsAsync<Auth.Application.Behaviours.RequestValidationException>(() =>
            SendAsync(new RegisterClient(new ClientDefinition { ClientId = "public-exchanger", GrantTypes = [GrantType], Scopes = ["openid"] })));

        await AssertErrorAsync(response, "unauthorized_client");
        Assert.That(registration!.Message, Does.Contain("token-exchange grant needs a client secret or a jwks"));
    }

    [Test]
    public async Task A_token_neither_issued_to_nor_addressed_to_the_client_is_refused()
    {
        var party = await ArrangeAsync();
        var stranger = await RegisterServiceAsync("stranger-" + Guid.NewGuid().ToString("N")[..8], ["openid", TestSeed.OrdersRead]);

        await AssertRefusedTokenAsync(await ExchangeAsync(stranger, party.SubjectToken, TestSeed.OrdersRead));
    }

    // The subject token (R132).

    [Test]
    public async Task A_refresh_token_or_an_id_token_is_not_a_subject_token()
    {
        var party = await ArrangeAsync(userScope: $"openid profile offline_access {TestSeed.OrdersRead} {{service}}");
        var refreshToken = party.FrontTokens.GetProperty("refresh_token").GetString()!;
        var idToken = party.FrontTokens.GetProperty("id_token").GetString()!;

        await AssertErrorAsync(await ExchangeAsync(party.Service, refreshToken, TestSeed.OrdersRead, subjectTokenType: "urn:ietf:params:oauth:token-type:refresh_token"), "invalid_request");
        await AssertErrorAsync(await ExchangeAsync(party.Service, idToken, TestSeed.OrdersRead, subjectTokenType: "urn:ietf:params:oauth:token-type:id_token"), "invalid_request");
        await AssertRefusedTokenAsync(await ExchangeAsync(party.Service, refreshToken, TestSeed.OrdersRead));
        await AssertRefusedTokenAsync(await ExchangeAsync(party.Service, idToken, TestSeed.OrdersRead));
    }

    [Test]
    public async Task A_garbage_or_unknown_type_or_missing_subject_token_is_refused()
    {
        var party = await ArrangeAsync();

        await AssertRefusedTokenAsync(await ExchangeAsync(party.Service, "not-a-token", TestSeed.OrdersRead));
        await AssertErrorAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead, subjectTokenType: "urn:example:unknown"), "invalid_request");
        await AssertErrorAsync(await ExchangeAsync(party.Service, string.Empty, TestSeed.OrdersRead), "invalid_request");
        using var refreshRequested = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(
                ("grant_type", GrantType), ("subject_token", party.SubjectToken), ("subject_token_type", AccessTokenType),
                ("requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token")),
            OAuthClient.Basic(party.Service.Id, party.Service.Secret));
        await AssertErrorAsync(refreshRequested, "invalid_request");
    }

    [Test]
    public async Task An_expired_subject_token_is_refused()
    {
        var party = await ArrangeAsync();
        Server.Clock.Advance(TimeSpan.FromHours(2));

        await AssertRefusedTokenAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead));
    }

    [Test]
    public async Task A_revoked_subject_token_is_refused()
    {
        var party = await ArrangeAsync();
        using var revoked = await OAuth.RevokeAsync(party.SubjectToken, party.Front);
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertRefusedTokenAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead));
    }

    [Test]
    public async Task Revoking_the_users_grant_at_the_front_end_revokes_what_was_exchanged_from_it()
    {
        var party = await ArrangeAsync(userScope: $"openid profile offline_access {TestSeed.OrdersRead} {{service}}");
        var issued = await ExchangeForTokenAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead);
        Assert.That(await OAuth.IsActiveAsync(issued, TestSeed.OrdersApiClient), Is.True);

        using var revoked = await OAuth.RevokeAsync(party.FrontTokens.GetProperty("refresh_token").GetString()!, party.Front, "refresh_token");
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(await OAuth.IsActiveAsync(issued, TestSeed.OrdersApiClient), Is.False);
    }

    [Test]
    public async Task A_token_of_a_deactivated_or_deleted_user_is_refused()
    {
        var deactivated = await ArrangeAsync();
        var deleted = await ArrangeAsync();
        await DeactivateAsync(deactivated.User);
        Assert.That((await SendAsync(new DeleteUser(UserKey.Named(deleted.User)))).Succeeded, Is.True);

        await AssertRefusedTokenAsync(await ExchangeAsync(deactivated.Service, deactivated.SubjectToken, TestSeed.OrdersRead));
        await AssertRefusedTokenAsync(await ExchangeAsync(deleted.Service, deleted.SubjectToken, TestSeed.OrdersRead));
    }

    [Test]
    public async Task A_clients_own_token_is_not_a_subject_token()
    {
        var party = await ArrangeAsync();
        var ownToken = await OAuth.GetAccessTokenAsync(party.Service, TestSeed.OrdersRead);

        await AssertRefusedTokenAsync(await ExchangeAsync(party.Service, ownToken, TestSeed.OrdersRead));
    }

    // The actor token (R133).

    [Test]
    public async Task An_actor_token_that_is_invalid_or_another_clients_is_refused()
    {
        var party = await ArrangeAsync();
        var othersToken = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var idToken = party.FrontTokens.GetProperty("id_token").GetString()!;

        await AssertRefusedTokenAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead, actorToken: "not-a-token"));
        await AssertRefusedTokenAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead, actorToken: othersToken));
        await AssertRefusedTokenAsync(await ExchangeAsync(party.Service, party.SubjectToken, TestSeed.OrdersRead, actorToken: idToken));
    }

    [Test]
    public async Task Discovery_lists_the_grant()
    {
        var discovery = await OAuthClient.ReadJsonAsync(await Server.Client.GetAsync(".well-known/openid-configuration"));

        Assert.That(discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()), Does.Contain(GrantType));
    }

    /// <summary>
    /// A front end the user signs in to, a back-end service (a confidential client registered for the grant) whose own
    /// scope makes the user's token addressed to it, and the user's access token from a real code flow.
    /// </summary>
    private async Task<Party> ArrangeAsync(string? userScope = null, bool frontExchanges = false, bool serviceMayRefresh = false, DPoPKey? frontKey = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var serviceId = "svc-" + suffix;
        var serviceScope = serviceId + ".call";
        Assert.That((await SendAsync(new RegisterScope(new ScopeDefinition { Name = serviceScope, Resources = [serviceId] }))).Succeeded, Is.True);

        var front = new TestClient("front-" + suffix, "front-secret-" + suffix);
        const string callback = "https://front.example/cb";
        var frontRegistered = await SendAsync(new RegisterClient(new ClientDefinition
        {
            ClientId = front.Id,
            ClientSecret = front.Secret,
            GrantTypes = frontExchanges
                ? [ClientGrantTypes.AuthorizationCode, ClientGrantTypes.RefreshToken, GrantType]
                : [ClientGrantTypes.AuthorizationCode, ClientGrantTypes.RefreshToken],
            Scopes = ["openid", "profile", "offline_access", "mfa", TestSeed.OrdersRead, TestSeed.OrdersWrite, serviceScope],
            RedirectUris = [callback],
        }));
        Assert.That(frontRegistered.Succeeded, Is.True, frontRegistered.Error?.Description);
        var service = serviceMayRefresh
            ? await RegisterServiceAsync(serviceId, ["openid", "profile", "offline_access", TestSeed.OrdersRead, TestSeed.OrdersWrite], ClientGrantTypes.RefreshToken)
            : await RegisterServiceAsync(serviceId, ["openid", "profile", TestSeed.OrdersRead, TestSeed.OrdersWrite]);

        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var scope = (userScope ?? $"openid profile {TestSeed.OrdersRead} {{service}}").Replace("{service}", serviceScope, StringComparison.Ordinal);

        var code = await GetCodeAsync(user, front.Id, callback, pkce, scope);
        var tokens = frontKey is null ? await RedeemForTokensAsync(front, code, callback, pkce.Verifier) : await RedeemBoundAsync(front, code, callback, pkce, frontKey);
        return new Party(front, service, serviceScope, user, tokens);
    }

    private async Task<TestClient> RegisterServiceAsync(string clientId, string[] scopes, params string[] moreGrants)
    {
        var service = new TestClient(clientId, clientId + "-secret-0001");
        var registered = await SendAsync(new RegisterClient(new ClientDefinition
        {
            ClientId = service.Id,
            ClientSecret = service.Secret,
            GrantTypes = [GrantType, ClientGrantTypes.ClientCredentials, .. moreGrants],
            Scopes = scopes,
        }));
        Assert.That(registered.Succeeded, Is.True, registered.Error?.Description);
        return service;
    }

    private Task<HttpResponseMessage> ExchangeAsync(
        TestClient client,
        string subjectToken,
        string? scope,
        string? audience = null,
        string? resource = null,
        string? actorToken = null,
        string subjectTokenType = AccessTokenType,
        string? proof = null) =>
        DPoPRequests.TokenAsync(Server.Client, client, proof,
            ("grant_type", GrantType), ("subject_token", subjectToken), ("subject_token_type", subjectTokenType), ("scope", scope),
            ("audience", audience), ("resource", resource), ("actor_token", actorToken), ("actor_token_type", actorToken is null ? null : AccessTokenType));

    private async Task<JsonElement> RedeemBoundAsync(TestClient client, string code, string callback, Pkce pkce, DPoPKey key)
    {
        using var response = await DPoPRequests.TokenAsync(Server.Client, client, key.Proof("POST", TokenEndpoint),
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", callback), ("code_verifier", pkce.Verifier));
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    private Uri TokenEndpoint => DPoPRequests.At(Server.BaseAddress, "/oauth/token");

    private async Task<string> ExchangeForTokenAsync(TestClient client, string subjectToken, string? scope, string? actorToken = null)
    {
        using var response = await ExchangeAsync(client, subjectToken, scope, actorToken: actorToken);
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, string error)
    {
        using (response)
        {
            var body = await OAuthClient.ReadJsonAsync(response);
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo(error), body.ToString());
            Assert.That((int)response.StatusCode, Is.EqualTo(error == "invalid_client" ? 401 : 400), body.ToString());
            Assert.That(body.TryGetProperty("access_token", out _), Is.False);
        }
    }

    /// <summary>RFC 8693 §2.2.2: a subject or actor token that is invalid or unacceptable is invalid_request.</summary>
    private static Task AssertRefusedTokenAsync(HttpResponseMessage response) => AssertErrorAsync(response, "invalid_request");

    private static string[] Audiences(System.Text.Json.Nodes.JsonObject claims) => claims["aud"] switch
    {
        System.Text.Json.Nodes.JsonArray array => [.. array.Select(a => a!.GetValue<string>())],
        { } single => [single.GetValue<string>()],
        null => [],
    };

    private async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> request)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    private sealed record Party(TestClient Front, TestClient Service, string ServiceScope, string User, JsonElement FrontTokens)
    {
        public string SubjectToken => FrontTokens.GetProperty("access_token").GetString()!;
    }
}

/// <summary>OAuth:TokenExchange false: not in discovery, and refused as unsupported_grant_type even for a client registered for it.</summary>
public sealed class TokenExchangeSwitchedOffTests(StoreKind store) : UserFlowTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OAuth:TokenExchange"] = "false" };

    [Test]
    public async Task Discovery_does_not_list_it_and_a_request_is_unsupported_grant_type()
    {
        var (_, tokens) = await SignedInTokensAsync($"openid {TestSeed.OrdersRead}");
        var discovery = await OAuthClient.ReadJsonAsync(await Server.Client.GetAsync(".well-known/openid-configuration"));
        using var scope = Server.Services.CreateScope();
        var registered = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
        {
            ClientId = TestSeed.OrdersApi + "-exchanger",
            ClientSecret = "exchanger-secret-0001",
            GrantTypes = [ClientGrantTypes.TokenExchange],
            Scopes = [TestSeed.OrdersRead],
        }));
        Assert.That(registered.Succeeded, Is.True, registered.Error?.Description);

        using var response = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(
                ("grant_type", ClientGrantTypes.TokenExchange), ("subject_token", tokens.GetProperty("access_token").GetString()),
                ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"), ("scope", TestSeed.OrdersRead)),
            OAuthClient.Basic(TestSeed.OrdersApi + "-exchanger", "exchanger-secret-0001"));
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()), Does.Not.Contain(ClientGrantTypes.TokenExchange));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("unsupported_grant_type"));
        });
    }
}
