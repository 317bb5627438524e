namespace Auth.Application.Scim;

/// <summary>
/// What a listing asks for (RFC 7644 §3.4.2): filter, sortBy and sortOrder, and the page by 1-based startIndex and
/// count (already clamped to 1 and to 0..maxResults).
/// </summary>
public sealed record ScimListParameters(string? Filter, int StartIndex, int Count, string? SortBy, bool Descending);
