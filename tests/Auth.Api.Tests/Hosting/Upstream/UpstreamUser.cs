namespace Auth.Api.Tests.Hosting.Upstream;

/// <summary>
/// A person the test upstream knows, by the login typed on its sign-in page (or named in a scripted sign-in). Each
/// property is the claim of the same name (snake_case); null ones are left out. The flavor's scopes decide which
/// claims reach the ID token and userinfo.
/// </summary>
public sealed record UpstreamUser
{
    /// <summary>The subject; the login when null. Entra always sends a pairwise one (from <see cref="Oid"/> and the client id) instead.</summary>
    public string? Sub { get; init; }

    /// <summary>Entra's object id: the stable id of the person in the tenant.</summary>
    public string? Oid { get; init; }

    /// <summary>Entra's tenant id; the upstream's own tenant when null.</summary>
    public string? Tid { get; init; }

    public string? PreferredUsername { get; init; }

    public string? Email { get; init; }

    /// <summary>Not an Entra claim: Entra's e-mail is never said to be verified.</summary>
    public bool? EmailVerified { get; init; }

    public string? Name { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>
    /// RFC 8176 methods of this person's sign-ins unless a scripted sign-in names others; <c>["pwd"]</c> when null,
    /// <c>["pwd", "mfa"]</c> when the form's second-factor box is ticked. Empty: no <c>amr</c> and no <c>acr</c>, as Entra v2.0.
    /// </summary>
    public IReadOnlyList<string>? Amr { get; init; }

    /// <summary>Else <c>urn:upstream:mfa</c> when the methods include <c>mfa</c>, <c>urn:upstream:pwd</c> otherwise.</summary>
    public string? Acr { get; init; }
}
