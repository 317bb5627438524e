namespace Auth.Application.Clients;

/// <summary>
/// Request objects (OpenID Connect Core §6.1, RFC 9101): what they may be signed with, and so what a client may register
/// as its <c>request_object_signing_alg</c> (OpenID Connect Dynamic Client Registration §2).
/// </summary>
public static class RequestObjectSigning
{
    /// <summary>An unsigned request object's algorithm.</summary>
    public const string None = "none";

    /// <summary>None, or an algorithm the client's keys sign with (<see cref="ClientKeySet.SigningAlgorithms"/>).</summary>
    public static readonly IReadOnlyList<string> Algorithms = [None, .. ClientKeySet.SigningAlgorithms];
}
