namespace Auth.Api.Tests.Hosting.Upstream;

/// <summary>Which real provider the test upstream imitates: its issuer path, endpoint paths, subjects and claims.</summary>
public enum UpstreamFlavor
{
    /// <summary>
    /// Microsoft Entra ID (v2.0): issuer <c>/{tenant}/v2.0</c>; <c>sub</c> pairwise per client, <c>oid</c> and
    /// <c>tid</c> name the person; <c>email</c> without <c>email_verified</c>; <c>groups</c> without a scope.
    /// </summary>
    Entra,

    /// <summary>Okta (a custom authorization server): issuer <c>/oauth2/default</c>, <c>/v1/…</c> endpoints, a <c>groups</c> scope.</summary>
    Okta,

    /// <summary>Any OpenID provider: issuer at the root, oidc-provider's own endpoint paths, a <c>groups</c> scope.</summary>
    Generic,
}
