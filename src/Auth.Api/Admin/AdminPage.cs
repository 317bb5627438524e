using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Api.Admin;

/// <summary>
/// One page of an admin API list (keyset paging): the items, and the absolute link to the next page, or null on the
/// last. The link is the request's own, under the issuer, with its <see cref="CursorParameter"/> replaced: a cursor
/// is opaque to callers, who follow <c>next</c> until it is null.
/// </summary>
public sealed record AdminPage<T>(
    [property: JsonPropertyName("items")] IReadOnlyList<T> Items,
    [property: JsonPropertyName("next")] string? Next)
{
    public const string CursorParameter = "cursor";

    public static AdminPage<T> Of(IReadOnlyList<T> items, string? nextCursor, HttpRequest request, Uri issuer)
    {
        if (nextCursor is null)
        {
            return new AdminPage<T>(items, null);
        }

        var query = request.Query
            .Where(p => !string.Equals(p.Key, CursorParameter, StringComparison.Ordinal))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>(CursorParameter, nextCursor));
        var path = Routes.UnderIssuer(issuer, request.Path.Value!).AbsoluteUri;
        return new AdminPage<T>(items, QueryHelpers.AddQueryString(path, query));
    }
}
