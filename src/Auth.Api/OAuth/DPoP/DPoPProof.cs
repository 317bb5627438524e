namespace Auth.Api.OAuth.DPoP;

/// <summary>A DPoP proof (RFC 9449 §4.2) whose form, signature and claims have been checked.</summary>
/// <param name="Thumbprint">The RFC 7638 SHA-256 thumbprint of the proof's public key: the <c>jkt</c> tokens are bound to.</param>
/// <param name="Jti">The proof's unique identifier, refused the second time (RFC 9449 §11.1).</param>
/// <param name="IssuedAt">The proof's <c>iat</c>.</param>
/// <param name="Nonce">The server nonce the proof carries, if any (RFC 9449 §8).</param>
public sealed record DPoPProof(string Thumbprint, string Jti, DateTimeOffset IssuedAt, string? Nonce)
{
    /// <summary>The key a request keeps the proof it was accepted with under, for the answer written later.</summary>
    public static readonly object ItemKey = new();

    public static DPoPProof? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as DPoPProof : null;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
