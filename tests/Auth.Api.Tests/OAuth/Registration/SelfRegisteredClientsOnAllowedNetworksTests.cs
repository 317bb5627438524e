using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.OAuth.PrivateKeyJwt;
using Auth.Api.Tests.SignIn;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth.Registration;

/// <summary>
/// A client that registers its own jwks_uri and request_uris (as the OpenID Foundation's dynamic plan does) on a
/// server whose ClientRegistration:AllowedNetworks lets the guard reach the client's web servers here on loopback: the
/// whole sign-in by reference, with keys from the jwks_uri.
/// </summary>
public sealed class SelfRegisteredClientsOnAllowedNetworksTests(StoreKind store) : SelfRegisteredClientTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["ClientRegistration:AllowedNetworks:0"] = "127.0.0.0/8",
        ["ClientRegistration:AllowedNetworks:1"] = "::1/128",
    };

    [Test]
    public async Task A_client_that_registered_its_request_uri_and_jwks_uri_signs_its_user_in_by_reference()
    {
        await using var objects = await RequestObjectHost.StartAsync();
        await using var jwks = await JwksHost.StartAsync();
        var keys = ClientKeys.Rsa();
        jwks.Publish(keys);
        var (clientId, metadata) = await RegisteredAsync(Metadata(
            ("token_endpoint_auth_method", "private_key_jwt"), ("jwks_uri", jwks.JwksUri), ("request_uris", new[] { objects.UriOf("dyn") })));
        var pkce = Pkce.Create();
        objects.Publish("dyn", SignedObject(keys, Claims(clientId, pkce, ("state", "self-registered"))));

        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeByReference(clientId, objects.UriOf("dyn")), user);
        using var allowed = await browser.SubmitFormAsync(await consent.Content.ReadAsStringAsync(), "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        var parameters = CallbackParameters(allowed, TestSeed.WebAppCallback);
        using var redeemed = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(
            ("grant_type", "authorization_code"), ("code", parameters["code"]), ("redirect_uri", TestSeed.WebAppCallback),
            ("code_verifier", pkce.Verifier), ("client_id", clientId),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", keys.Assertion(clientId, Issuer))));
        using var scope = Server.Services.CreateScope();
        var stored = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetClient(clientId))).Value!;

        Assert.Multiple(async () =>
        {
            Assert.That(metadata.GetProperty("token_endpoint_auth_method").GetString(), Is.EqualTo("private_key_jwt"));
            Assert.That(metadata.GetProperty("jwks_uri").GetString(), Is.EqualTo(jwks.JwksUri));
            Assert.That(metadata.GetProperty("request_uris")[0].GetString(), Is.EqualTo(objects.UriOf("dyn")));
            Assert.That(stored.SelfRegistered, Is.True);
            Assert.That(parameters["state"], Is.EqualTo("self-registered"));
            Assert.That(redeemed.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await OAuthClient.ReadJsonAsync(redeemed)).ToString());
            Assert.That(objects.Fetches, Is.EqualTo(1), "the object made the sign-in and consent round trips as itself");
            Assert.That(jwks.Fetches, Is.EqualTo(1), "the keys were fetched through the guard once and kept");
        });
    }

    [Test]
    public async Task A_self_registered_clients_back_channel_logout_uri_gets_its_logout_token()
    {
        await using var receiver = new LogoutReceiver().Start();
        var (clientId, metadata) = await RegisteredAsync(Metadata(("backchannel_logout_uri", receiver.UriFor("self"))));
        var user = await CreateUserAsync();
        await SignInAndConsentAsync(clientId, user);

        await DeactivateAsync(user);
        var received = await Eventually.ReadAsync(() => Task.FromResult(receiver.For("self")), r => r.Count > 0, TimeSpan.FromSeconds(15));

        Assert.Multiple(() =>
        {
            Assert.That(metadata.GetProperty("backchannel_logout_uri").GetString(), Is.EqualTo(receiver.UriFor("self")));
            Assert.That(metadata.GetProperty("backchannel_logout_session_required").GetBoolean(), Is.False, "Back-Channel Logout 1.0 §2.2: false when omitted");
            Assert.That(received, Has.Count.EqualTo(1));
            Assert.That(Jwt.Payload(received[0].LogoutToken)["aud"]!.GetValue<string>(), Is.EqualTo(clientId));
        });
    }
}
