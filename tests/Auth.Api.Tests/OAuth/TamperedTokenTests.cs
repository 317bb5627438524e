using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.OAuth;

/// <summary>Forged and altered JWTs must introspect <c>{"active": false}</c>, never as active and never as an error.</summary>
public sealed class TamperedTokenTests(StoreKind store) : ServerTest(store)
{
    private string _token = null!;

    [SetUp]
    public async Task IssueGenuineToken()
    {
        _token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        Assert.That(await OAuth.IsActiveAsync(_token, TestSeed.OrdersApiClient), Is.True, "the genuine token must be active");
    }

    [Test]
    public async Task Alg_none_is_inactive()
    {
        var header = Jwt.Header(_token);
        header["alg"] = "none";
        var parts = _token.Split('.');

        await AssertInactiveAsync($"{Jwt.Encode(header)}.{parts[1]}.");
    }

    [Test]
    public async Task HS256_signed_with_the_public_key_is_inactive()
    {
        var key = await PublishedKeyAsync();
        var header = Jwt.Header(_token);
        header["alg"] = "HS256";
        var signingInput = $"{Jwt.Encode(header)}.{_token.Split('.')[1]}";

        // The classic key-confusion attack, with every public-key encoding a naive verifier might use as the secret.
        foreach (var secret in new[] { key.ExportSubjectPublicKeyInfo(), Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()), key.ExportRSAPublicKey() })
        {
            var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));
            await AssertInactiveAsync($"{signingInput}.{Base64Url.EncodeToString(signature)}");
        }
    }

    [Test]
    public async Task A_token_signed_by_an_unknown_key_is_inactive()
    {
        using var rogue = RSA.Create(2048);
        var header = Jwt.Header(_token);
        header["kid"] = "rogue-key";
        var signingInput = $"{Jwt.Encode(header)}.{_token.Split('.')[1]}";
        var signature = rogue.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        await AssertInactiveAsync($"{signingInput}.{Base64Url.EncodeToString(signature)}");
    }

    [Test]
    public async Task A_token_whose_claims_were_changed_is_inactive()
    {
        var payload = Jwt.Payload(_token);
        payload["scope"] = $"{TestSeed.OrdersRead} {TestSeed.OrdersWrite}";
        var parts = _token.Split('.');

        await AssertInactiveAsync($"{parts[0]}.{Jwt.Encode(payload)}.{parts[2]}");
    }

    [Test]
    public async Task A_token_whose_kid_was_changed_to_an_unknown_one_is_inactive()
    {
        var header = Jwt.Header(_token);
        header["kid"] = "unknown-kid";
        var parts = _token.Split('.');

        await AssertInactiveAsync($"{Jwt.Encode(header)}.{parts[1]}.{parts[2]}");
    }

    private async Task AssertInactiveAsync(string forged)
    {
        var body = await OAuth.IntrospectAsync(forged, TestSeed.OrdersApiClient);
        Assert.That(body.GetProperty("active").GetBoolean(), Is.False, forged);
    }

    private async Task<RSA> PublishedKeyAsync()
    {
        var jwk = (await Jwt.GetJwksAsync(Server.Client)).GetProperty("keys")[0];
        var kid = Jwt.Header(_token)["kid"]!.GetValue<string>();
        Assert.That(jwk.GetProperty("kid").GetString(), Is.EqualTo(kid));
        return RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(jwk.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(jwk.GetProperty("e").GetString()),
        });
    }
}
