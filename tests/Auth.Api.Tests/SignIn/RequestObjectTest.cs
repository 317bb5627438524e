using System.Net;
using System.Text;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.OAuth.PrivateKeyJwt;
using Auth.Application.Clients;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.SignIn;

/// <summary>What the request-object tests share: a complete request as claims, signed, unsigned or forged, and a client to send it.</summary>
public abstract class RequestObjectTest(StoreKind store) : UserFlowTest(store)
{
    protected const string Scope = "openid profile";

    protected const string LoginPath = "/account/login";

    /// <summary>A second redirect URI registered for every client of these tests.</summary>
    protected const string OtherCallback = "https://app.example/other-cb";

    protected string Issuer => Server.BaseAddress.AbsoluteUri;

    protected static async Task AssertRefusedOnThisServerAsync(HttpResponseMessage response, string error, string description)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(body, Does.Contain($"<code>{error}</code>").And.Contain(description));
        });
    }

    /// <summary>The request was taken: the browser goes on to the sign-in page, not back to the client with an error.</summary>
    protected static void AssertGoesToSignIn(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), () => response.Content.ReadAsStringAsync().Result);
        Assert.That(response.Headers.Location!.IsAbsoluteUri, Is.False, response.Headers.Location!.ToString());
    }

    protected static string AuthorizeWith(string clientId, string requestObject) =>
        QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?> { ["client_id"] = clientId, ["request"] = requestObject });

    protected static string AuthorizeByReference(string clientId, string requestUri) =>
        QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?> { ["client_id"] = clientId, ["request_uri"] = requestUri });

    /// <summary>A complete code request's parameters as claims, addressed to this server; each extra claim replaces or adds one.</summary>
    protected Dictionary<string, object> Claims(string clientId, Pkce pkce, params (string Name, object Value)[] extra)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["aud"] = Issuer,
            ["iat"] = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeSeconds(),
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(),
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = TestSeed.WebAppCallback,
            ["scope"] = Scope,
            ["state"] = "object-state",
            ["nonce"] = "object-nonce",
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
        };
        foreach (var (name, value) in extra)
        {
            claims[name] = value;
        }

        return claims;
    }

    protected static Dictionary<string, object> Without(Dictionary<string, object> claims, string name)
    {
        claims.Remove(name);
        return claims;
    }

    protected static string SignedObject(
        ClientKeys keys, Dictionary<string, object> claims, string type = "oauth-authz-req+jwt", (string Name, object Value)? header = null, string? algorithm = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            TokenType = type,
            AdditionalHeaderClaims = header is { } extra ? new Dictionary<string, object> { [extra.Name] = extra.Value } : null,
            SigningCredentials = new SigningCredentials(keys.SigningKey, algorithm ?? keys.Algorithm),
        });

    protected static string UnsignedObject(Dictionary<string, object> claims) => UnsignedRaw(JsonSerializer.Serialize(claims));

    protected static string UnsignedRaw(string payload, string type = "oauth-authz-req+jwt") =>
        Base64UrlEncoder.Encode($$"""{"alg":"none","typ":"{{type}}"}""") + "." + Base64UrlEncoder.Encode(payload) + ".";

    /// <summary>The signed object with its state changed and the signature kept.</summary>
    protected static string Tampered(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("object-state", "forged-state", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    /// <summary>RFC 8725 §2.1's key confusion: an HMAC whose key is the client's public JWK.</summary>
    protected static string Hs256KeyedByPublicKey(ClientKeys keys, Dictionary<string, object> claims) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(keys.Jwks))), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>A code-flow client with <paramref name="keys"/> registered (private_key_jwt), or a secret as well.</summary>
    protected async Task<string> RegisterClientAsync(
        ClientKeys keys, string? confidentialSecret = null, string? requestObjectSigningAlg = null, bool requireSigned = false, bool firstParty = true, IReadOnlyList<string>? requestUris = null)
    {
        var clientId = "jar-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
        {
            ClientId = clientId,
            ClientSecret = confidentialSecret,
            Jwks = confidentialSecret is null ? keys.Jwks : null,
            GrantTypes = [ClientGrantTypes.AuthorizationCode],
            Scopes = ["openid", "profile"],
            RedirectUris = [TestSeed.WebAppCallback, OtherCallback],
            RequestObjectSigningAlg = requestObjectSigningAlg,
            RequireSignedRequestObject = requireSigned,
            FirstParty = firstParty,
            RequestUris = requestUris ?? [],
        }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return clientId;
    }
}
