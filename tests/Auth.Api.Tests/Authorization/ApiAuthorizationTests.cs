using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auth.Api.Authorization;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Authorization;

/// <summary>
/// The service's own APIs (SCIM, MFA, admin) refuse a request for its token through one mechanism, each in the words
/// its clients already read: the API's error flavour (the SCIM error schema under /scim/v2, the OAuth error body
/// elsewhere) and an RFC 6750 §3 challenge. Every route of an API takes its policy, so a route added later answers as
/// the others do.
/// </summary>
public sealed class ApiAuthorizationTests(StoreKind store) : UserFlowTest(store)
{
    private const string ScimRoute = "/scim/v2/Groups";
    private const string AdminRoute = "/admin/audit";
    private const string MfaRoute = "/mfa/totp/verify";
    private const string AdminDocumentation = "/admin/docs";

    [Test]
    public async Task Scim_refusals_are_scim_errors_with_a_bearer_challenge()
    {
        var noToken = await AnswerAsync(HttpMethod.Get, ScimRoute, token: null);
        var badToken = await AnswerAsync(HttpMethod.Get, ScimRoute, "not-a-token");
        var otherScope = await AnswerAsync(HttpMethod.Get, ScimRoute, await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead));

        AssertAnswer(noToken, 401, "Bearer realm=\"scim\"", ScimError(401, "invalid_token", "A Bearer access token is required."));
        AssertAnswer(badToken, 401, "Bearer realm=\"scim\", error=\"invalid_token\"", ScimError(401, "invalid_token", "The access token is not valid."));
        AssertAnswer(otherScope, 403, "Bearer realm=\"scim\", error=\"insufficient_scope\", scope=\"scim\"",
            ScimError(403, "insufficient_scope", "The access token does not have the scim scope."));
    }

    [Test]
    public async Task Admin_refusals_are_oauth_errors_with_a_bearer_challenge_without_realm()
    {
        var noToken = await AnswerAsync(HttpMethod.Get, AdminRoute, token: null);
        var badToken = await AnswerAsync(HttpMethod.Get, AdminRoute, "not-a-token");
        var otherScope = await AnswerAsync(HttpMethod.Get, AdminRoute, await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead));

        AssertAnswer(noToken, 401, "Bearer", OAuthError("invalid_token", "A Bearer access token is required."), noStore: false);
        AssertAnswer(badToken, 401, "Bearer error=\"invalid_token\"", OAuthError("invalid_token", "The access token is not valid."), noStore: false);
        AssertAnswer(otherScope, 403, "Bearer error=\"insufficient_scope\", scope=\"admin\"",
            OAuthError("access_denied", "The access token does not have the admin scope."), noStore: false);
    }

    [Test]
    public async Task Mfa_refusals_are_oauth_errors_with_a_bearer_challenge()
    {
        var (_, openIdOnly) = await SignedInTokensAsync("openid profile");
        var noToken = await AnswerAsync(HttpMethod.Post, MfaRoute, token: null);
        var badToken = await AnswerAsync(HttpMethod.Post, MfaRoute, "not-a-token");
        var clientsToken = await AnswerAsync(HttpMethod.Post, MfaRoute, await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead));
        var otherScope = await AnswerAsync(HttpMethod.Post, MfaRoute, openIdOnly.GetProperty("access_token").GetString());

        const string usersTokenRequired = "A Bearer access token of a signed-in user is required.";
        AssertAnswer(noToken, 401, "Bearer realm=\"mfa\"", OAuthError("invalid_token", usersTokenRequired));
        AssertAnswer(badToken, 401, "Bearer realm=\"mfa\", error=\"invalid_token\"", OAuthError("invalid_token", usersTokenRequired));
        AssertAnswer(clientsToken, 403, challenge: null, OAuthError("access_denied", "This access token belongs to a client, not a user."));
        AssertAnswer(otherScope, 403, "Bearer realm=\"mfa\", error=\"insufficient_scope\", scope=\"mfa\"", OAuthError("insufficient_scope",
            "The access token must carry the mfa scope and be issued for the MFA API alone; request the mfa scope on its own."));
    }

    [Test]
    public async Task An_old_sign_in_gets_the_same_answer_from_the_policy_and_from_confirming_an_enrolment()
    {
        var (_, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var token = tokens.GetProperty("access_token").GetString();
        var generated = await AnswerAsync(HttpMethod.Post, "/mfa/totp/generate", token);
        Assert.That(generated.Status, Is.EqualTo(200), generated.Body);

        Server.Clock.Advance(TimeSpan.FromMinutes(11));
        var replacing = await AnswerAsync(HttpMethod.Post, "/mfa/totp/generate", token);
        var confirming = await AnswerAsync(HttpMethod.Post, MfaRoute, token, JsonContent.Create(new { code = "123456" }));

        const string description = "This change needs a recent sign-in; sign the user in again (max_age) and retry with the new access token.";
        var expected = OAuthError("insufficient_user_authentication", description);
        var challenge = $"Bearer realm=\"mfa\", error=\"insufficient_user_authentication\", error_description=\"{description}\", max_age=600";
        AssertAnswer(replacing, 401, challenge, expected);
        AssertAnswer(confirming, 401, challenge, expected);
    }

    [TestCase("/scim/v2", "GET", ScimRoute, new[] { ApiPolicies.Scim })]
    [TestCase(AdminRoute, "GET", AdminRoute, new[] { ApiPolicies.Admin })]
    [TestCase("/mfa", "POST", MfaRoute, new[] { ApiPolicies.Mfa, ApiPolicies.MfaRecentSignIn })]
    public async Task Every_route_of_an_api_takes_its_policy_and_refuses_as_the_others_do(string prefix, string method, string representative, string[] policies)
    {
        var clientsToken = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var routes = Routes(prefix);
        var expectedNoToken = await AnswerAsync(new HttpMethod(method), representative, token: null);
        var expectedClientsToken = await AnswerAsync(new HttpMethod(method), representative, clientsToken);

        Assert.That(routes, Has.Count.GreaterThan(0));
        foreach (var (routeMethod, path, policy) in routes)
        {
            var noToken = await AnswerAsync(routeMethod, path, token: null);
            var withClientsToken = await AnswerAsync(routeMethod, path, clientsToken);
            Assert.Multiple(() =>
            {
                Assert.That(policy, Is.AnyOf(policies), $"{routeMethod} {path}");
                Assert.That(noToken, Is.EqualTo(expectedNoToken), $"{routeMethod} {path} without a token");
                Assert.That(withClientsToken, Is.EqualTo(expectedClientsToken), $"{routeMethod} {path} with a client's token of another scope");
            });
        }
    }

    [Test]
    public async Task Every_admin_api_route_takes_one_admin_scope_and_refuses_a_token_without_it()
    {
        var clientsToken = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var keysToken = await OAuth.GetAccessTokenAsync(TestSeed.AdminKeysKeeper, AdminScopes.Keys);
        var auditToken = await OAuth.GetAccessTokenAsync(TestSeed.AdminAuditReader, AdminScopes.AuditRead);
        var everythingToken = await OAuth.GetAccessTokenAsync(TestSeed.AdminClient, AdminScopes.Everything);

        // A user's token with an admin scope, which no endpoint issues (the authorization endpoint refuses admin scopes):
        // still not an administrator's.
        var usersToken = await Server.MintAccessTokenAsync(TestSeed.WebApp.Id, "a-user-id", ["openid", AdminScopes.UsersRead], [AdminScopes.Resource]);
        var routes = Routes(Auth.Api.Routes.AdminV1);
        var outsideTheApi = Routes("/admin").Where(r => !r.Path.StartsWith(Auth.Api.Routes.AdminV1 + "/", StringComparison.Ordinal) &&
            r.Path != AdminRoute && !r.Path.StartsWith(AdminDocumentation, StringComparison.Ordinal));

        Assert.That(routes, Has.Count.GreaterThan(0));
        Assert.That(outsideTheApi, Is.Empty, "every admin route is under /admin/v1 (or the first /admin/audit, or the API reference)");
        foreach (var (method, path, policy) in routes)
        {
            var otherAdminScope = policy == AdminScopes.Keys ? auditToken : keysToken;
            var noToken = await AnswerAsync(method, path, token: null);
            var badToken = await AnswerAsync(method, path, "not-a-token");
            var withClientsToken = await AnswerAsync(method, path, clientsToken);
            var withOtherAdminScope = await AnswerAsync(method, path, otherAdminScope);
            var withEverything = await AnswerAsync(method, path, everythingToken);
            var withUsersToken = await AnswerAsync(method, path, usersToken);

            // A client's token with the route's scope that is also addressed to another API, which that API could replay here.
            var alsoForOrders = await AnswerAsync(method, path, await Server.MintAccessTokenAsync(
                TestSeed.ServiceA.Id, subject: null, [TestSeed.OrdersRead, policy!], [TestSeed.OrdersApi, AdminScopes.Resource]));
            var route = $"{method} {path}";
            Assert.That(policy, Is.AnyOf(AdminScopes.Names.ToArray<object>()), route);
            var missing = OAuthError("insufficient_scope",
                $"The access token must carry the {policy} scope and be issued for the admin API alone; request admin scopes without other APIs' scopes.");
            AssertAnswer(noToken, 401, "Bearer realm=\"admin\"", OAuthError("invalid_token", "A Bearer access token is required."), route: route);
            AssertAnswer(badToken, 401, "Bearer realm=\"admin\", error=\"invalid_token\"", OAuthError("invalid_token", "The access token is not valid."), route: route);
            AssertAnswer(withClientsToken, 403, $"Bearer realm=\"admin\", error=\"insufficient_scope\", scope=\"{policy}\"", missing, route: route);
            AssertAnswer(withOtherAdminScope, 403, $"Bearer realm=\"admin\", error=\"insufficient_scope\", scope=\"{policy}\"", missing, route: route);
            AssertAnswer(alsoForOrders, 403, $"Bearer realm=\"admin\", error=\"insufficient_scope\", scope=\"{policy}\"", missing, route: route);
            Assert.That(withEverything.Status, Is.Not.AnyOf(401, 403), $"{route}: the old admin scope still opens every admin route ({withEverything.Body})");
            AssertAnswer(withUsersToken, 403, challenge: null,
                OAuthError("access_denied", "The admin API takes a client's own token (client_credentials), not a user's."), route: route);
        }
    }

    [Test]
    public async Task An_admin_scope_is_refused_at_the_authorization_endpoint_even_to_a_client_stored_with_it()
    {
        // A client an earlier release stored with an admin scope beside the authorization_code grant (the client
        // definition refuses this now): its users still cannot get a token with it.
        await ChangeWebAppPermissionAsync(add: true);
        try
        {
            var user = await CreateUserAsync();
            using var browser = NewBrowser();
            await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

            using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, "openid " + AdminScopes.UsersRead, Pkce.Create()));

            var parameters = CallbackParameters(response, TestSeed.WebAppCallback);
            Assert.That(parameters["error"], Is.EqualTo("invalid_scope"));
            Assert.That(parameters, Does.Not.ContainKey("code"));
        }
        finally
        {
            await ChangeWebAppPermissionAsync(add: false);
        }
    }

    private async Task ChangeWebAppPermissionAsync(bool add)
    {
        using var scope = Server.Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>();
        var application = await manager.FindByClientIdAsync(TestSeed.WebApp.Id) ?? throw new InvalidOperationException("no web app");
        var descriptor = new OpenIddict.Abstractions.OpenIddictApplicationDescriptor();
        await manager.PopulateAsync(descriptor, application);
        var permission = OpenIddict.Abstractions.OpenIddictConstants.Permissions.Prefixes.Scope + AdminScopes.UsersRead;
        _ = add ? descriptor.Permissions.Add(permission) : descriptor.Permissions.Remove(permission);
        await manager.UpdateAsync(application, descriptor);
    }

    /// <summary>Every route under <paramref name="prefix"/>, a value for each parameter, and the one policy it names.</summary>
    private List<(HttpMethod Method, string Path, string? Policy)> Routes(string prefix) =>
        [.. Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Select(method => (
                new HttpMethod(method),
                Regex.Replace(e.RoutePattern.RawText!, "{[^}]+}", "x"),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().SingleOrDefault()?.Policy)))];

    private sealed record Answer(int Status, string? Challenge, string? MediaType, bool NoStore, string Body);

    private async Task<Answer> AnswerAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Server.Client.SendAsync(request);
        var challenge = response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values) ? values.ToString() : null;
        return new Answer((int)response.StatusCode, challenge, response.Content.Headers.ContentType?.MediaType,
            response.Headers.CacheControl?.NoStore == true, await response.Content.ReadAsStringAsync());
    }

    private static JsonObject ScimError(int status, string error, string detail) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:Error"),
        ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["detail"] = detail,
        ["error"] = error,
        ["error_description"] = detail,
    };

    private static JsonObject OAuthError(string error, string description) => new() { ["error"] = error, ["error_description"] = description };

    private static void AssertAnswer(Answer answer, int status, string? challenge, JsonObject body, bool noStore = true, string route = "")
    {
        var scim = body.ContainsKey("schemas");
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(status), $"{route} {answer.Body}");
            Assert.That(answer.Challenge, Is.EqualTo(challenge), route);
            Assert.That(answer.MediaType, Is.EqualTo(scim ? ScimClient.MediaType : "application/json"), route);
            Assert.That(answer.NoStore, Is.EqualTo(noStore), $"{route} Cache-Control: no-store");
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(answer.Body), body), Is.True, $"{route} {answer.Body}");
        });
    }
}
