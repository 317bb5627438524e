using System.Diagnostics;

namespace Auth.Api.Observability;

/// <summary>
/// The last word on what a span may carry before it is exported (docs/security.md, rule 138): no query string
/// (authorize requests and federation callbacks carry codes and state, a back-channel logout or jwks_uri could carry
/// anything), and no user information in a URL. The instrumentations already replace query values with "Redacted";
/// this drops the query whole, whatever an instrumentation or a switch such as
/// OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION does. Npgsql's db.npgsql.data_source is the
/// connection string less its Password, which may still hold other credentials (an SSL key's password): dropped too;
/// server.address, server.port and db.namespace say where the command went. A command's parameter values
/// (db.query.parameter.*, which EF Core's instrumentation records when an OTEL_DOTNET_EXPERIMENTAL_* switch asks) are
/// dropped as well: the seed's and the admin API's commands carry secret and password hashes.
/// </summary>
public sealed class SpanRedaction : OpenTelemetry.BaseProcessor<Activity>
{
    private static readonly string[] UrlAttributes = ["url.full", "http.url", "http.target", "url.original"];

    public override void OnEnd(Activity data)
    {
        data.SetTag("url.query", null);
        data.SetTag("db.npgsql.data_source", null);
        DropParameterValues(data);

        foreach (var name in UrlAttributes)
        {
            if (data.GetTagItem(name) is string url && Redact(url) is { } redacted && !ReferenceEquals(redacted, url))
            {
                data.SetTag(name, redacted);
            }
        }

        if (data.DisplayName.Contains('?', StringComparison.Ordinal))
        {
            data.DisplayName = data.DisplayName[..data.DisplayName.IndexOf('?', StringComparison.Ordinal)];
        }
    }

    /// <summary>
    /// Drops every db.query.parameter.* tag. Such tags exist only under an experimental switch, so the common span is
    /// scanned without allocating; the names are copied only once one is found (a tag cannot be removed while the
    /// span's tags are enumerated).
    /// </summary>
    private static void DropParameterValues(Activity data)
    {
        List<string>? parameters = null;
        foreach (var tag in data.EnumerateTagObjects())
        {
            if (IsParameterValue(tag.Key))
            {
                (parameters ??= []).Add(tag.Key);
            }
        }

        if (parameters is null)
        {
            return;
        }

        foreach (var parameter in parameters)
        {
            data.SetTag(parameter, null);
        }
    }

    /// <summary>A database command's parameter (name and value), which an instrumentation records when told to.</summary>
    private static bool IsParameterValue(string attribute) => attribute.StartsWith("db.query.parameter.", StringComparison.Ordinal);

    /// <summary>The URL without its query, fragment and user information; the same string when it has none.</summary>
    public static string Redact(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        var withoutQuery = end < 0 ? url : url[..end];
        var scheme = withoutQuery.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var authorityStart = scheme + 3;
            var authorityEnd = withoutQuery.IndexOf('/', authorityStart);
            var authority = authorityEnd < 0 ? withoutQuery[authorityStart..] : withoutQuery[authorityStart..authorityEnd];
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                withoutQuery = string.Concat(withoutQuery.AsSpan(0, authorityStart), withoutQuery.AsSpan(authorityStart + at + 1));
            }
        }

        return end < 0 && ReferenceEquals(withoutQuery, url) ? url : withoutQuery;
    }
}
