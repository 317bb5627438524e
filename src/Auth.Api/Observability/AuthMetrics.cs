using System.Diagnostics.Metrics;
using Auth.Application.RateLimiting;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Keys;

namespace Auth.Api.Observability;

/// <summary>
/// The service's own instruments, exported at /metrics. Labels are closed lists only (grant types, error codes,
/// outcomes, registered client ids, SCIM resources and verbs, policy names): never a user name, token or IP.
/// </summary>
public sealed class AuthMetrics
{
    public const string MeterName = "Auth";

    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _tokenFailures;
    private readonly Counter<long> _introspections;
    private readonly Counter<long> _revocations;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _mfaVerifications;
    private readonly Counter<long> _scimOperations;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _securityEvents;
    private readonly Counter<long> _logoutNotices;

    public AuthMetrics(IMeterFactory meters, SigningKeyRing keys, AuditQueue audit, RedisRateLimitStatus redis, TimeProvider clock)
    {
        var meter = meters.Create(MeterName);
        _tokensIssued = meter.CreateCounter<long>("auth_tokens_issued", description: "Token responses with tokens, by grant type and client.");
        _tokenFailures = meter.CreateCounter<long>("auth_token_failures", description: "Token endpoint errors, by OAuth error code.");
        _introspections = meter.CreateCounter<long>("auth_introspections", description: "Introspection responses, by outcome (active, inactive, or the error code).");
        _revocations = meter.CreateCounter<long>("auth_revocations", description: "Revocation responses, by outcome (revoked, or the error code).");
        _signIns = meter.CreateCounter<long>("auth_sign_ins", description: "Password sign-ins, by outcome.");
        _mfaVerifications = meter.CreateCounter<long>("auth_mfa_verifications", description: "TOTP and recovery-code checks, by outcome and method.");
        _scimOperations = meter.CreateCounter<long>("auth_scim_operations", description: "SCIM requests, by resource, verb and status code.");
        _rateLimitRejections = meter.CreateCounter<long>("auth_rate_limit_rejections", description: "Requests refused by the rate limiter, by policy and reason (limited, or store_unavailable when failing closed).");
        _securityEvents = meter.CreateCounter<long>("auth_security_events", description: "Audit events, by type and outcome.");
        _logoutNotices = meter.CreateCounter<long>("auth_backchannel_logout_attempts",
            description: "Back-channel logout token deliveries, by outcome (delivered, retrying, failed, lost).");

        meter.CreateObservableGauge("auth_signing_key_age_seconds", () => SigningKeyAge(keys, clock), unit: "s",
            description: "Age of the key that signs new tokens.");
        if (redis.IsConfigured)
        {
            meter.CreateObservableGauge("auth_rate_limit_store_up", () => redis.IsAvailable ? 1 : 0,
                description: "1 while the Redis that holds the rate-limit buckets answers, 0 while it does not.");
        }

        meter.CreateObservableCounter("auth_audit_records_dropped", () => audit.Dropped,
            description: "Audit records that did not fit in the queue while the database was away (they are in the log).");
        meter.CreateObservableGauge("auth_audit_records_pending", () => audit.Pending,
            description: "Audit records waiting to be written to the database.");
    }

    public void TokenIssued(string grantType, string clientId) =>
        _tokensIssued.Add(1, new("grant_type", grantType), new("client_id", clientId));

    public void TokenFailed(string error) => _tokenFailures.Add(1, new KeyValuePair<string, object?>("error", error));

    public void Introspected(string outcome) => _introspections.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Revoked(string outcome) => _revocations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void ScimOperation(string resource, string verb, int status) =>
        _scimOperations.Add(1, new("resource", resource), new("verb", verb), new("status", status));

    /// <summary>Every refusal, also those the audit log leaves out (it keeps one a minute per policy and address).</summary>
    public void RateLimitRejected(string policy, string reason) =>
        _rateLimitRejections.Add(1, new("policy", policy), new("reason", reason));

    public void BackChannelLogoutAttempted(string outcome) => _logoutNotices.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Every audit event; sign-ins and MFA checks also feed their own counters.</summary>
    public void SecurityEvent(string type, string outcome, string? detail)
    {
        _securityEvents.Add(1, new("type", type), new("outcome", outcome));
        switch (type)
        {
            case Auth.Application.Audit.SecurityEventTypes.SignIn:
                _signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
                break;
            case Auth.Application.Audit.SecurityEventTypes.MfaVerified:
                _mfaVerifications.Add(1, new("outcome", outcome), new("method", detail));
                break;
        }
    }

    private static IEnumerable<Measurement<double>> SigningKeyAge(SigningKeyRing keys, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return keys.Keys.Where(k => k.Signing)
            .Select(k => new Measurement<double>((now - k.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("kid", k.KeyId)));
    }
}
