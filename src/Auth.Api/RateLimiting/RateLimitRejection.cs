using System.Collections.Concurrent;
using System.Globalization;
using Auth.Api.Errors;
using Auth.Api.Observability;
using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.RateLimiting;
using Microsoft.Extensions.Options;

namespace Auth.Api.RateLimiting;

/// <summary>
/// The one place a request is refused by rate limiting: 429 with Retry-After when a bucket is empty, or 503 when
/// the shared store is down and the failure mode is closed. Every refusal is counted by policy; the audit log gets one
/// record per policy and client address (IPv6: network) a minute, so a flood of refused requests cannot flood the audit table.
/// </summary>
public sealed partial class RateLimitRejection(
    AuthMetrics metrics,
    ISecurityEvents events,
    TimeProvider clock,
    IOptions<RateLimitingOptions> options,
    ILogger<RateLimitRejection> logger)
{
    public const string PolicyItem = "RateLimiting.Policy";

    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan AuditInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastAudited = new(StringComparer.Ordinal);

    public async Task RejectAsync(HttpContext context, BucketVerdict verdict)
    {
        var unavailable = verdict.Outcome == BucketOutcome.Unavailable;
        var policy = verdict.Policy ?? RateLimitingOptions.IpPolicy;
        context.Items[PolicyItem] = policy;
        LogRejected(logger, policy, verdict.Outcome);
        metrics.RateLimitRejected(policy, unavailable ? "store_unavailable" : "limited");
        if (ShouldAudit(policy, ClientNetwork.KeyOf(context.Connection.RemoteIpAddress, options.Value.IPv6PrefixLength)))
        {
            events.Record(new SecurityEvent(SecurityEventTypes.RateLimited, unavailable ? SecurityEventOutcomes.Failure : SecurityEventOutcomes.Rejected,
                Detail: policy));
        }

        var status = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests;
        var retryAfter = Math.Max(1, (int)Math.Ceiling(verdict.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await ErrorWriter.WriteAsync(context, status);
    }

    private bool ShouldAudit(string policy, string address)
    {
        var now = clock.GetUtcNow();
        var key = policy + "|" + address;
        if (_lastAudited.TryGetValue(key, out var last) && now - last < AuditInterval)
        {
            return false;
        }

        if (_lastAudited.Count >= MaxRemembered)
        {
            _lastAudited.Clear();
        }

        _lastAudited[key] = now;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rate limit policy {Policy} refused a request ({Outcome})")]
    private static partial void LogRejected(ILogger logger, string policy, BucketOutcome outcome);
}
