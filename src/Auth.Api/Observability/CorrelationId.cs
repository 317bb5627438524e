using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Auth.Api.Observability;

/// <summary>
/// The one correlation id of a request, in error bodies, audit records, the federation error page and every log line
/// of the request: the W3C trace id (32 lowercase hex digits) of the request's Activity, which is also the trace id of
/// its span when traces are exported. With an incoming <c>traceparent</c> header it is the caller's trace id
/// (docs/security.md, rule 139).
/// </summary>
public static class CorrelationId
{
    private static readonly object Fallback = new();

    /// <summary>The request's trace id.</summary>
    public static string Of(HttpContext context)
    {
        // ASP.NET Core starts the request's Activity whenever a logger, a diagnostic listener or a tracer listens: with
        // the shipped logging settings always. It honours traceparent before anything of this service runs.
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current;
        if (activity is { IdFormat: ActivityIdFormat.W3C })
        {
            return activity.TraceId.ToHexString();
        }

        // Logging switched off entirely and no tracer: no Activity, so one random trace id for the rest of the request.
        if (context.Items[Fallback] is string kept)
        {
            return kept;
        }

        var id = ActivityTraceId.CreateRandom().ToHexString();
        context.Items[Fallback] = id;
        return id;
    }

    /// <summary>The request's trace id, or outside a request the current Activity's (a background job's), or none.</summary>
    public static string? Current(HttpContext? context) =>
        context is not null ? Of(context)
        : Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString()
        : null;
}
