using Auth.Api.Authorization;

namespace Auth.Api.OAuth.DPoP;

/// <summary>
/// Why a request's DPoP proof, or its use of a DPoP-bound token, was refused (RFC 9449 §5, §7.1, §8, §9): the error
/// code, its description, and for <c>use_dpop_nonce</c> the nonce the client must put in its next proof.
/// </summary>
public sealed record DPoPRefusal(string Error, string Description, string? Nonce = null)
{
    /// <summary>RFC 9449 §5, §7.1: the proof is missing, malformed, or does not match the request or the token.</summary>
    public const string InvalidProof = "invalid_dpop_proof";

    /// <summary>RFC 9449 §8, §9: the proof must carry the server nonce sent with this answer.</summary>
    public const string UseNonce = "use_dpop_nonce";

    /// <summary>RFC 6750 §3.1, RFC 9449 §7.2: the access token is not usable this way (a bound token sent as Bearer).</summary>
    public const string InvalidToken = "invalid_token";

    public static DPoPRefusal Invalid(string description) => new(InvalidProof, description);

    /// <summary>The key requests keep a refusal under, for the answer written later in the request.</summary>
    public static readonly object ItemKey = new();

    public static DPoPRefusal? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as DPoPRefusal : null;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>
    /// The scheme of the challenge that carries this refusal: DPoP (RFC 9449 §7.1), unless a bound token came as Bearer,
    /// which is refused in the scheme it used (§7.2).
    /// </summary>
    public string ChallengeScheme(HttpRequest request) =>
        Error == InvalidToken && !DPoPProofCheck.UsesScheme(request) ? BearerChallenge.BearerScheme : DPoPProofCheck.Scheme;
}
