using System.Globalization;
using Auth.Api.Admin;
using Auth.Api.Authorization;
using Auth.Api.Errors;
using Auth.Api.OAuth;
using Auth.Api.OpenApi;
using Auth.Application.Admin;
using Auth.Application.Audit;
using Mediator;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Auth.Api.Audit;

public static class AuditEndpoints
{
    /// <summary>
    /// GET /admin/v1/audit?type=&amp;outcome=&amp;subject=&amp;client_id=&amp;since=&amp;until=&amp;count=&amp;cursor= — the audit
    /// log, newest first, in admin API pages (scope admin.audit.read). GET /admin/audit, its first form (scope admin,
    /// <c>before</c> and <c>next_before</c>), answers for one more release (docs/admin-api.md).
    /// </summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.AdminV1Audit, async (HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var query = ReadQuery(http.Request.Query, AdminPage<AuditRecord>.CursorParameter, out var problem);
            if (query is null)
            {
                return OAuthErrorResults.InvalidRequest(problem!);
            }

            var page = await sender.Send(query, ct);
            http.Response.Headers.CacheControl = "no-store";
            var next = page.NextBefore?.ToString(CultureInfo.InvariantCulture);
            return Results.Ok(AdminPage<AuditRecord>.Of(page.Entries.Select(AuditRecord.From).ToList(), next, http.Request, oauth.Value.Issuer));
        }).RequireAuthorization(AdminScopes.AuditRead)
            .WithSummary("The audit log, newest first")
            .WithDescription("Security events (sign-ins, tokens, SCIM and operator changes), filtered by the parameters given, " +
                             "in pages of at most count entries; next, when not null, is the link to the next (older) page.")
            .Produces<AdminPage<AuditRecord>>()
            .WithQueryParameters(AuditFilters(new("cursor", "From the next link of the previous page; opaque.")));

        app.MapGet(Routes.Audit, async (HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var query = ReadQuery(http.Request.Query, "before", out var problem);
            if (query is null)
            {
                return OAuthErrorResults.InvalidRequest(problem!);
            }

            var page = await sender.Send(query, ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new AuditRecordPage(page.Entries.Select(AuditRecord.From).ToList(), page.NextBefore));
        }).RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("The audit log, newest first (deprecated: use /admin/v1/audit)")
            .WithDescription("The first form of the audit log, answering until the release after next. " +
                             "A page holds at most count entries; next_before, when present, fetches the next (older) page.")
            .Produces<AuditRecordPage>()
            .WithQueryParameters(AuditFilters(new("before", "The next_before of the previous page.", JsonSchemaType.Integer, "int64")));
        return app;
    }

    /// <summary>The filters both forms of the audit log take, then its paging parameter.</summary>
    private static QueryParameter[] AuditFilters(QueryParameter paging) =>
    [
        new("type", "Only this event type, e.g. sign_in or token.issued."),
        new("outcome", "Only this outcome, e.g. success, failure, locked_out."),
        new("subject", "Only events whose subject is this id (a user's, or a client's for its own tokens)."),
        new("client_id", "Only events of this client."),
        new("since", "Only events at or after this ISO 8601 time.", Format: "date-time"),
        new("until", "Only events at or before this ISO 8601 time.", Format: "date-time"),
        paging,
        new("count", $"Entries per page, from 1 to {ListAuditEntries.MaximumCount} (default {ListAuditEntries.DefaultCount}).", JsonSchemaType.Integer, "int32"),
    ];

    private static ListAuditEntries? ReadQuery(IQueryCollection query, string cursorParameter, out string? problem)
    {
        problem = null;
        DateTimeOffset? since = null, until = null;
        long? before = null;
        var count = ListAuditEntries.DefaultCount;
        if (query["since"] is [{ } sinceText] && !TryParseTime(sinceText, out since))
        {
            problem = "since is an ISO 8601 time, e.g. 2026-11-25T12:00:00Z.";
        }
        else if (query["until"] is [{ } untilText] && !TryParseTime(untilText, out until))
        {
            problem = "until is an ISO 8601 time, e.g. 2026-11-25T12:00:00Z.";
        }
        else if (query[cursorParameter] is [{ } beforeText] && (before = WholeNumber(beforeText)) is null)
        {
            problem = cursorParameter == "before" ? "before is the next_before value of a previous page." : "cursor is the one in a previous page's next link.";
        }
        else if (!AdminQuery.TryCount(query, ref count))
        {
            problem = $"count is a whole number from 1 to {ListAuditEntries.MaximumCount}.";
        }
        else if (AdminQuery.RepeatsAParameter(query))
        {
            problem = AdminQuery.RepeatedParameter;
        }

        // Ranges (count, before, since ≤ until) are the query's validator's to check, for HTTP and the CLI alike.
        return problem is not null ? null : new ListAuditEntries(
            AdminQuery.Text(query, "type"), AdminQuery.Text(query, "outcome"), AdminQuery.Text(query, "subject"), AdminQuery.Text(query, "client_id"),
            since, until, before, count);
    }

    private static long? WholeNumber(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static bool TryParseTime(string text, out DateTimeOffset? time)
    {
        var parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value);
        time = parsed ? value : null;
        return parsed;
    }
}
