using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Auth.Api.Authorization;
using Auth.Infrastructure.OpenIddict;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.DPoP;

/// <summary>
/// The one place a request's DPoP proof is judged, at the token endpoint and at every resource this service serves
/// (userinfo, SCIM, MFA, admin): the proof itself (<see cref="DPoPProofReader"/>), its nonce (<see cref="DPoPNonces"/>)
/// and its single use across nodes (<see cref="JtiLedger"/>); at a resource also the token's binding (RFC 9449 §7).
/// </summary>
public sealed class DPoPProofCheck(JtiLedger ledger, DPoPNonces nonces, IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>The request header a proof travels in (RFC 9449 §4.1).</summary>
    public const string Header = "DPoP";

    /// <summary>The response header a server nonce travels in (RFC 9449 §8.1).</summary>
    public const string NonceHeader = "DPoP-Nonce";

    /// <summary>The Authorization scheme of a bound access token (RFC 9449 §7.1).</summary>
    public const string Scheme = "DPoP";

    /// <summary>The confirmation claim (RFC 7800) that binds an access token to a key, and its member (RFC 9449 §6).</summary>
    public const string ConfirmationClaim = "cnf";

    public const string ThumbprintMember = "jkt";

    /// <summary>RFC 8705 §3.1: the cnf member of a certificate-bound token.</summary>
    public const string CertificateThumbprintMember = "x5t#S256";

    /// <summary>The proof of a request, or why it is refused; both null when the request carries no DPoP header.</summary>
    /// <param name="accessToken">At a resource, the access token sent with the proof (checked against its ath).</param>
    public async Task<(DPoPProof? Proof, DPoPRefusal? Refusal)> CheckAsync(HttpRequest request, string? accessToken, CancellationToken cancellationToken)
    {
        var headers = request.Headers[Header];
        if (headers.Count == 0)
        {
            return (null, null);
        }

        if (headers.Count > 1 || string.IsNullOrEmpty(headers[0]))
        {
            return (null, DPoPRefusal.Invalid("Send exactly one DPoP header."));
        }

        var settings = options.Value;
        var (proof, problem) = await DPoPProofReader.ReadAsync(
            headers[0]!, request.Method, RequestUri(request), clock.GetUtcNow(), settings.DPoPProofLifetime, accessToken);
        if (proof is null)
        {
            return (null, DPoPRefusal.Invalid(problem!));
        }

        if (proof.Nonce is { } nonce ? !nonces.IsCurrent(nonce) : settings.DPoPNonceRequired)
        {
            return (null, new DPoPRefusal(DPoPRefusal.UseNonce,
                "The DPoP proof must carry the server nonce given in the DPoP-Nonce header of this answer.", nonces.Create()));
        }

        var usableUntil = proof.IssuedAt + settings.DPoPProofLifetime + DPoPProofReader.FutureSkew;
        if (!await ledger.TryRecordAsync(JtiLedger.DPoPProof, proof.Thumbprint, proof.Jti, usableUntil, cancellationToken))
        {
            return (null, DPoPRefusal.Invalid("The DPoP proof was used before; make a new one for each request."));
        }

        return (proof, null);
    }

    /// <summary>
    /// At the token and pushed authorization endpoints: the request's proof, or null when it carries none or a bad one;
    /// a bad one rejects the request, its refusal kept for the answer (<c>DPoP-Nonce</c>).
    /// </summary>
    public async Task<DPoPProof?> CheckOrRejectAsync(BaseValidatingContext context, HttpRequest request)
    {
        var (proof, refusal) = await CheckAsync(request, accessToken: null, context.CancellationToken);
        if (refusal is not null)
        {
            refusal.AttachTo(request.HttpContext);
            context.Reject(refusal.Error, refusal.Description);
        }

        return proof;
    }

    /// <summary>
    /// At a resource: a token bound to a key (cnf.jkt) is accepted only with the DPoP scheme and a proof signed by that
    /// key for this request and this token; a token not bound is accepted only as Bearer (RFC 9449 §7.1, §7.2).
    /// </summary>
    public async Task<DPoPRefusal?> CheckResourceRequestAsync(HttpRequest request, ClaimsPrincipal token, string accessToken, CancellationToken cancellationToken)
    {
        var bound = BoundThumbprint(token);
        if (!UsesScheme(request))
        {
            return bound is null
                ? null
                : new DPoPRefusal(DPoPRefusal.InvalidToken, "The access token is bound to a DPoP key: send it with the DPoP scheme and a proof.");
        }

        if (bound is null)
        {
            return new DPoPRefusal(DPoPRefusal.InvalidToken, "The access token is not bound to a DPoP key: send it as a Bearer token.");
        }

        var (proof, refusal) = await CheckAsync(request, accessToken, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (proof is null)
        {
            return DPoPRefusal.Invalid("A DPoP access token needs a DPoP proof.");
        }

        return SameThumbprint(proof.Thumbprint, bound) ? null : DPoPRefusal.Invalid("The DPoP proof is not signed by the key the access token is bound to.");
    }

    /// <summary>The access token of an <c>Authorization: DPoP</c> header, or null.</summary>
    public static string? AccessToken(HttpRequest request) => AuthorizationHeader.Credentials(request, Scheme);

    public static bool UsesScheme(HttpRequest request) => AuthorizationHeader.Uses(request, Scheme);

    /// <summary>The thumbprint in a token's cnf.jkt, or null when the token is not bound to a key.</summary>
    public static string? BoundThumbprint(ClaimsPrincipal token) => BoundThumbprint(token, out _);

    /// <summary>
    /// The thumbprint in a token's cnf.jkt, or null; and whether the cnf binds it to a certificate too (cnf.x5t#S256,
    /// RFC 8705 §3.1), which OpenIddict checks itself.
    /// </summary>
    public static string? BoundThumbprint(ClaimsPrincipal token, out bool certificateBound)
    {
        certificateBound = false;
        if (token.GetClaim(ConfirmationClaim) is not { Length: > 0 } confirmation)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(confirmation);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            certificateBound = json.RootElement.TryGetProperty(CertificateThumbprintMember, out _);
            return json.RootElement.TryGetProperty(ThumbprintMember, out var jkt) && jkt.ValueKind == JsonValueKind.String ? jkt.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool SameThumbprint(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));

    // The address the client was told (discovery is anchored to the issuer), not the Host header a proxy passed on.
    // The path as it came (still escaped), so an escaped ? or # in it cannot cut the address short.
    private Uri RequestUri(HttpRequest request) => Routes.UnderIssuer(options.Value.Issuer, request.Path.ToUriComponent());
}
