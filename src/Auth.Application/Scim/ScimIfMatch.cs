namespace Auth.Application.Scim;

/// <summary>
/// The versions an If-Match header names (RFC 7644 §3.14, RFC 9110 §13.1.1: a list of entity tags, weak or strong): a
/// change goes ahead only while the resource is at one of them. Null where no precondition was sent, or "*".
/// </summary>
public sealed record ScimIfMatch(IReadOnlyList<long> Versions)
{
    /// <summary>Whether <paramref name="version"/>, the resource's current one, is among those named.</summary>
    public bool Admits(long version) => Versions.Contains(version);
}
