using System.Diagnostics;

namespace Auth.Api.Observability;

/// <summary>
/// How a request's trace context is read from its headers: the caller's <c>traceparent</c> only (W3C Trace Context),
/// so a gateway's trace runs through the service and its trace id is the correlation id (docs/security.md, rule 139).
/// The caller's <c>tracestate</c> and <c>baggage</c> are not taken, so they go no further: not into a span, and not on
/// with the calls the request makes (an upstream identity provider, a client's jwks_uri), which carry the service's
/// own <c>traceparent</c> as HttpClient writes it.
/// </summary>
public sealed class TraceParentOnly : DistributedContextPropagator
{
    private static readonly DistributedContextPropagator W3C = CreateDefaultPropagator();

    public override IReadOnlyCollection<string> Fields => W3C.Fields;

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) => W3C.Inject(activity, carrier, setter);

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        W3C.ExtractTraceIdAndState(carrier, getter, out traceId, out _);
        traceState = null;
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) => null;
}
