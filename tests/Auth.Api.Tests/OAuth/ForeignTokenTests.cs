using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// Issue #15: tokens this server did not issue for the caller answer <c>{"active": false}</c> at introspection (200,
/// not an error, RFC 7662 §2.2), and SCIM refuses them: a JWT of another issuer, signed with that issuer's key or even
/// with this server's own key, and a token addressed to another resource server. SCIM checks the scope, not the
/// audience (docs/security.md rule 34), so a token for another API is refused there for lacking the scim scope.
/// </summary>
public sealed class ForeignTokenTests(StoreKind store) : ServerTest(store)
{
    private const string ForeignIssuer = "https://other-issuer.example/";

    private string _genuine = null!;

    /// <summary>A provisioning token of this server, the template of every forgery here.</summary>
    [SetUp]
    public async Task IssueGenuineToken()
    {
        _genuine = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        await TokenProbe.AssertAcceptedAsync(TokenProbe.OfProvisioningClient(Server.Client, _genuine, TestSeed.ScimClient), "as issued");
    }

    [TestCase(false, TestName = "A_token_of_another_issuer_signed_with_its_own_key_is_inactive_and_refused_by_scim")]
    [TestCase(true, TestName = "A_token_of_another_issuer_signed_with_its_own_key_under_this_servers_key_id_is_inactive_and_refused_by_scim")]
    public async Task A_token_of_another_issuer_signed_with_its_own_key_is_inactive_and_refused_by_scim(bool borrowKid)
    {
        using var foreignKey = RSA.Create(2048);
        var header = Jwt.Header(_genuine);
        var kid = header["kid"]!.GetValue<string>();
        header["kid"] = borrowKid ? kid : SameShape(kid);
        var payload = Jwt.Payload(_genuine);
        payload["iss"] = ForeignIssuer;
        var signingInput = $"{Jwt.Encode(header)}.{Jwt.Encode(payload)}";
        var signature = foreignKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        await AssertInactiveAndRefusedAsync($"{signingInput}.{Base64Url.EncodeToString(signature)}");
    }

    [Test]
    public async Task A_token_signed_with_this_servers_own_key_but_naming_another_issuer_is_inactive_and_refused_by_scim()
    {
        var payload = Jwt.Payload(_genuine);
        payload["iss"] = ForeignIssuer;

        await AssertInactiveAndRefusedAsync(SignWithServerKey(Jwt.Header(_genuine), payload));
    }

    [Test]
    public async Task A_token_re_signed_with_this_servers_key_unchanged_is_accepted_so_the_forgeries_here_differ_only_in_what_they_name()
    {
        var resigned = SignWithServerKey(Jwt.Header(_genuine), Jwt.Payload(_genuine));

        await TokenProbe.AssertAcceptedAsync(TokenProbe.OfProvisioningClient(Server.Client, resigned, TestSeed.ScimClient), "re-signed as it was");
    }

    [Test]
    public async Task A_resource_server_outside_the_tokens_audience_learns_nothing_about_it()
    {
        Assert.That(Jwt.Payload(_genuine)["aud"]?.ToJsonString(), Does.Not.Contain(TestSeed.OrdersApi));

        using var response = await OAuth.PostFormAsync("/oauth/introspect", OAuthClient.Form(("token", _genuine)),
            OAuthClient.Basic(TestSeed.OrdersApiClient.Id, TestSeed.OrdersApiClient.Secret));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"active":false}""").IgnoreWhiteSpace);
        });
    }

    [Test]
    public async Task Scim_refuses_a_token_issued_for_another_api()
    {
        var ordersToken = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        var (response, _) = await new ScimClient(Server.Client, ordersToken).GetAsync("/Users?count=1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "insufficient_scope (RFC 6750 §3.1)");
    }

    private async Task AssertInactiveAndRefusedAsync(string forged)
    {
        using var introspection = await OAuth.PostFormAsync("/oauth/introspect", OAuthClient.Form(("token", forged)),
            OAuthClient.Basic(TestSeed.ScimClient.Id, TestSeed.ScimClient.Secret));
        var (scim, body) = await new ScimClient(Server.Client, forged).GetAsync("/Users?count=1");

        Assert.Multiple(async () =>
        {
            Assert.That(introspection.StatusCode, Is.EqualTo(HttpStatusCode.OK), "inactive, not an error");
            Assert.That(await introspection.Content.ReadAsStringAsync(), Is.EqualTo("""{"active":false}""").IgnoreWhiteSpace);
            Assert.That(scim.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), body?.ToJsonString());
        });
    }

    /// <summary>Signs with the server's current signing key, the one the genuine token's kid names.</summary>
    private string SignWithServerKey(JsonObject header, JsonObject payload)
    {
        var options = Server.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        var kid = header["kid"]!.GetValue<string>();
        var credentials = options.SigningCredentials.First(c => c.Key.KeyId == kid || c.Kid == kid);
        var signingInput = $"{Jwt.Encode(header)}.{Jwt.Encode(payload)}";
        var factory = credentials.CryptoProviderFactory ?? credentials.Key.CryptoProviderFactory ?? CryptoProviderFactory.Default;
        var signer = factory.CreateForSigning(credentials.Key, SecurityAlgorithms.RsaSha256);
        try
        {
            return $"{signingInput}.{Base64Url.EncodeToString(signer.Sign(Encoding.ASCII.GetBytes(signingInput)))}";
        }
        finally
        {
            factory.ReleaseSignatureProvider(signer);
        }
    }

    /// <summary>A key id that looks like this server's (same length, same kinds of characters) but is not one of its.</summary>
    private static string SameShape(string kid)
    {
        const string Digits = "0123456789", Lower = "abcdefghijklmnopqrstuvwxyz", Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        return string.Concat(kid.Select(c =>
            char.IsAsciiDigit(c) ? Digits[RandomNumberGenerator.GetInt32(10)]
            : char.IsAsciiLetterLower(c) ? Lower[RandomNumberGenerator.GetInt32(26)]
            : char.IsAsciiLetterUpper(c) ? Upper[RandomNumberGenerator.GetInt32(26)]
            : c));
    }
}
