using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.OAuth.PrivateKeyJwt;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// Request objects passed by reference (OpenID Connect Core §6.2, RFC 9101 §5.2): fetched from a request_uri the
/// client registered, on a real web server of the client's; what an unregistered URI, a URI that serves nothing and a
/// forged object get; and where the request_uris are set.
/// </summary>
public sealed class RequestUriTests(StoreKind store) : RequestObjectTest(store)
{
    [Test]
    public async Task Discovery_says_request_uris_are_followed_when_registered()
    {
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));
        var root = discovery.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("request_uri_parameter_supported").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("require_request_uri_registration").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task A_signed_object_from_a_registered_request_uri_signs_the_user_in_and_is_fetched_once()
    {
        await using var host = await RequestObjectHost.StartAsync();
        var user = await CreateUserAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys, requestUris: [host.UriOf("signed")]);
        var pkce = Pkce.Create();
        host.Publish("signed", SignedObject(keys, Claims(clientId, pkce, ("state", "by-reference"))));

        // The fragment (OpenID Connect Core §6.2: the object's hash, so a server may cache it) is not part of the match.
        using var browser = NewBrowser();
        var parameters = CallbackParameters(await SignInThroughAsync(browser, AuthorizeByReference(clientId, host.UriOf("signed") + "#k8DNsq8i"), user),
            TestSeed.WebAppCallback);
        using var redeemed = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(
            ("grant_type", "authorization_code"), ("code", parameters["code"]), ("redirect_uri", TestSeed.WebAppCallback),
            ("code_verifier", pkce.Verifier), ("client_id", clientId),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", keys.Assertion(clientId, Issuer))));

        Assert.Multiple(async () =>
        {
            Assert.That(parameters["state"], Is.EqualTo("by-reference"));
            Assert.That(redeemed.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await OAuthClient.ReadJsonAsync(redeemed)).ToString());
            Assert.That(host.Fetches, Is.EqualTo(1), "the object made the sign-in round trip as itself, not fetched again");
            Assert.That(host.LastHeaders!["Accept"].ToString(), Does.Contain("application/oauth-authz-req+jwt"));
        });
    }

    [Test]
    public async Task An_unsigned_object_by_reference_is_merged_over_the_url()
    {
        await using var host = await RequestObjectHost.StartAsync();
        var user = await CreateUserAsync();
        // Registered with a fragment, asked for without one: the fragment is not part of the match either way.
        var clientId = await RegisterClientAsync(ClientKeys.Rsa(), confidentialSecret: "by-reference-secret-1234", requestUris: [host.UriOf("unsigned") + "#hash"]);
        host.Publish("unsigned", UnsignedObject(Without(Claims(clientId, Pkce.Create()), "state")));

        var url = QueryHelpers.AddQueryString(AuthorizeByReference(clientId, host.UriOf("unsigned")), "state", "url-state");
        using var browser = NewBrowser();
        var parameters = CallbackParameters(await SignInThroughAsync(browser, url, user), TestSeed.WebAppCallback);

        Assert.Multiple(() =>
        {
            Assert.That(parameters, Does.ContainKey("code"));
            Assert.That(parameters["state"], Is.EqualTo("url-state"), "an unsigned object proves nothing: the URL fills in what it leaves out");
        });
    }

    [Test]
    public async Task A_request_uri_the_client_did_not_register_is_refused_and_never_fetched()
    {
        await using var host = await RequestObjectHost.StartAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys, requestUris: [host.UriOf("mine")]);
        var otherId = await RegisterClientAsync(keys, requestUris: [host.UriOf("theirs")]);
        host.Publish("theirs", SignedObject(keys, Claims(otherId, Pkce.Create())));
        using var browser = NewBrowser();

        var mine = host.UriOf("mine");
        var theirs = host.UriOf("theirs");
        string[] unregistered =
        [
            theirs, // another client's
            mine + "x",
            mine + "?x=1",
            mine.Replace("/ro/mine", "/ro/x/../theirs", StringComparison.Ordinal), // a dotted path the client's server would resolve
            mine.Replace("/ro/mine", "/RO/mine", StringComparison.Ordinal),
            mine.Replace("http://", "HTTP://", StringComparison.Ordinal),
            mine.Replace("/ro/mine", "/ro/%6Dine", StringComparison.Ordinal), // "mine", percent-encoded
            mine + " ",
            "http://169.254.169.254/latest/meta-data/",
        ];
        foreach (var uri in unregistered)
        {
            using var response = await browser.GetAsync(AuthorizeByReference(clientId, uri));
            await AssertRefusedOnThisServerAsync(response, "invalid_request_uri", "not one of the client&#x27;s registered request_uris");
        }

        using var unknownClient = await browser.GetAsync(AuthorizeByReference("no-such-client", theirs));
        await AssertRefusedOnThisServerAsync(unknownClient, "invalid_request_uri", "not one of the client&#x27;s registered request_uris");

        Assert.That(host.Fetches, Is.Zero, "nothing is fetched for a URI the client did not register");
    }

    [Test]
    public async Task An_unregistered_request_uri_is_reported_to_the_urls_verified_redirect_uri()
    {
        await using var host = await RequestObjectHost.StartAsync();
        var clientId = await RegisterClientAsync(ClientKeys.Rsa(), requestUris: [host.UriOf("mine")]);
        var url = QueryHelpers.AddQueryString(AuthorizeByReference(clientId, host.UriOf("theirs")), new Dictionary<string, string?>
        {
            ["redirect_uri"] = TestSeed.WebAppCallback, ["state"] = "outer-state", ["response_type"] = "code", ["scope"] = "openid",
        });

        using var browser = NewBrowser();
        using var response = await browser.GetAsync(url);
        var parameters = CallbackParameters(response, TestSeed.WebAppCallback);

        Assert.Multiple(() =>
        {
            Assert.That(parameters["error"], Is.EqualTo("invalid_request_uri"));
            Assert.That(parameters["state"], Is.EqualTo("outer-state"));
            Assert.That(host.Fetches, Is.Zero);
        });
    }

    [TestCase("not found")]
    [TestCase("larger than 16 KB")]
    [TestCase("larger than 16 KB, its length not stated")]
    [TestCase("cut short")]
    [TestCase("empty")]
    [TestCase("a redirect")]
    [TestCase("not UTF-8")]
    public async Task A_request_uri_that_serves_no_request_object_is_refused_with_invalid_request_uri(string answer)
    {
        await using var host = await RequestObjectHost.StartAsync();
        var keys = ClientKeys.Rsa();
        var registered = answer == "a redirect" ? host.RedirectTo("object") : host.UriOf("object");
        var clientId = await RegisterClientAsync(keys, requestUris: [registered]);
        var valid = SignedObject(keys, Claims(clientId, Pkce.Create()));
        switch (answer)
        {
            case "not found": host.Publish("object", valid, status: 404); break;
            case "larger than 16 KB": host.Publish("object", valid + new string(' ', 16 * 1024)); break;
            case "larger than 16 KB, its length not stated":
                host.Publish("object", valid + new string(' ', 16 * 1024), delivery: RequestObjectHost.Delivery.Chunked);
                break;
            case "cut short": host.Publish("object", valid, delivery: RequestObjectHost.Delivery.CutShort); break;
            case "empty": host.Publish("object", "  "); break;
            case "a redirect": host.Publish("object", valid); break;
            case "not UTF-8": host.Publish("object", [.. System.Text.Encoding.ASCII.GetBytes(valid), 0xC3, 0x28]); break;
        }

        using var browser = NewBrowser();
        using var response = await browser.GetAsync(AuthorizeByReference(clientId, registered));

        await AssertRefusedOnThisServerAsync(response, "invalid_request_uri", "did not serve a request object");
        Assert.That(host.Fetches, Is.EqualTo(1), "one fetch, and a redirect is not followed");
    }

    [Test]
    public async Task A_forged_object_by_reference_is_refused_with_invalid_request_object()
    {
        await using var host = await RequestObjectHost.StartAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys, requestUris: [host.UriOf("forged"), host.UriOf("other-client")]);
        host.Publish("forged", SignedObject(ClientKeys.Rsa(), Claims(clientId, Pkce.Create())));
        host.Publish("other-client", SignedObject(keys, Claims(clientId, Pkce.Create(), ("client_id", TestSeed.WebApp.Id))));
        using var browser = NewBrowser();

        using var forged = await browser.GetAsync(AuthorizeByReference(clientId, host.UriOf("forged")));
        using var otherClient = await browser.GetAsync(AuthorizeByReference(clientId, host.UriOf("other-client")));

        await AssertRefusedOnThisServerAsync(forged, "invalid_request_object", "signature does not verify");
        await AssertRefusedOnThisServerAsync(otherClient, "invalid_request_object", "client_id must be the request");
    }

    [Test]
    public async Task A_client_that_requires_signed_objects_is_refused_an_unsigned_one_by_reference()
    {
        await using var host = await RequestObjectHost.StartAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys, requireSigned: true, requestUris: [host.UriOf("unsigned")]);
        host.Publish("unsigned", UnsignedObject(Claims(clientId, Pkce.Create())));
        using var browser = NewBrowser();

        using var response = await browser.GetAsync(AuthorizeByReference(clientId, host.UriOf("unsigned")));

        await AssertRefusedOnThisServerAsync(response, "invalid_request_object", "must be signed");
    }

    [Test]
    public async Task A_request_uri_without_the_client_id_or_beside_a_request_or_pushed_is_refused_and_not_fetched()
    {
        await using var host = await RequestObjectHost.StartAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys, confidentialSecret: "pushed-uri-secret-1234", requestUris: [host.UriOf("object")]);
        host.Publish("object", UnsignedObject(Claims(clientId, Pkce.Create())));
        using var browser = NewBrowser();

        using var withoutClient = await browser.GetAsync(QueryHelpers.AddQueryString("/oauth/authorize", "request_uri", host.UriOf("object")));
        using var besideRequest = await browser.GetAsync(QueryHelpers.AddQueryString(AuthorizeByReference(clientId, host.UriOf("object")),
            "request", UnsignedObject(Claims(clientId, Pkce.Create()))));
        using var pushed = await OAuth.PostFormAsync("/oauth/par",
            OAuthClient.Form(("request_uri", host.UriOf("object")), ("response_type", "code"), ("redirect_uri", TestSeed.WebAppCallback),
                ("scope", "openid"), ("code_challenge", Pkce.Create().Challenge), ("code_challenge_method", "S256")),
            OAuthClient.Basic(clientId, "pushed-uri-secret-1234"));
        var pushedBody = await OAuthClient.ReadJsonAsync(pushed);

        await AssertRefusedOnThisServerAsync(withoutClient, "invalid_request", "comes with the request&#x27;s client_id");
        await AssertRefusedOnThisServerAsync(besideRequest, "invalid_request", "must not both be present");
        Assert.Multiple(() =>
        {
            Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), pushedBody.ToString());
            Assert.That(pushedBody.GetProperty("error").GetString(), Is.EqualTo("invalid_request"), "RFC 9126 §2.1: a pushed request names no request_uri");
            Assert.That(pushedBody.GetProperty("error_description").GetString(), Does.Contain("request_uri"), "refused for the request_uri, not for something else");
            Assert.That(host.Fetches, Is.Zero);
        });
    }

    [Test]
    public async Task The_admin_api_and_the_command_line_set_and_show_request_uris_and_refuse_one_in_plain_http_off_loopback()
    {
        var api = new Auth.Api.Tests.Admin.AdminApi(Server.Client,
            await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{Auth.Application.Admin.AdminScopes.ClientsRead} {Auth.Application.Admin.AdminScopes.ClientsWrite}"));
        var id = "jar-uri-" + Guid.NewGuid().ToString("N")[..8];
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new
        {
            client_id = id,
            grant_types = new[] { "authorization_code" },
            scopes = new[] { "openid" },
            redirect_uris = new[] { TestSeed.WebAppCallback },
            request_uris = new[] { "https://app.example/ro/1.jwt", "http://127.0.0.1:9/ro.jwt#hash" },
        });
        var plainHttp = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new
        {
            client_id = id + "-http",
            grant_types = new[] { "authorization_code" },
            scopes = new[] { "openid" },
            redirect_uris = new[] { TestSeed.WebAppCallback },
            request_uris = new[] { "http://app.example/ro.jwt" },
        });
        var withoutCodeGrant = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new
        {
            client_id = id + "-service",
            confidential = true,
            grant_types = new[] { "client_credentials" },
            request_uris = new[] { "https://app.example/ro.jwt" },
        });
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", id);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
            Assert.That(created.Body.GetProperty("request_uris").EnumerateArray().Select(u => u.GetString()),
                Is.EqualTo(new[] { "https://app.example/ro/1.jwt", "http://127.0.0.1:9/ro.jwt#hash" }));
            Assert.That(plainHttp.Status, Is.EqualTo(HttpStatusCode.BadRequest), plainHttp.Text);
            Assert.That(plainHttp.Text, Does.Contain("requestUris are https (http only on the loopback interface"));
            Assert.That(withoutCodeGrant.Status, Is.EqualTo(HttpStatusCode.BadRequest), withoutCodeGrant.Text);
            Assert.That(withoutCodeGrant.Text, Does.Contain("requestUris are for a client with the authorization_code grant"));
            Assert.That(shown.Output, Does.Contain("requestUris\thttps://app.example/ro/1.jwt,http://127.0.0.1:9/ro.jwt#hash"));
        });
    }
}
