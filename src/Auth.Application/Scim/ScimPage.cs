namespace Auth.Application.Scim;

/// <summary>One page of a listing (RFC 7644 §3.4.2.4): 1-based startIndex and the total across all pages.</summary>
public sealed record ScimPage<T>(int TotalResults, int StartIndex, IReadOnlyList<T> Items)
{
    public ScimPage<TOther> With<TOther>(IReadOnlyList<TOther> items) => new(TotalResults, StartIndex, items);
}
