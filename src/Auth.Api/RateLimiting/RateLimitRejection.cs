using System.Globalization;
using Auth.Api.Errors;
using Auth.Application.RateLimiting;

namespace Auth.Api.RateLimiting;

/// <summary>
/// The one place a request is refused by rate limiting: 429 with Retry-After when a bucket is empty, or 503 when
/// the shared store is down and the failure mode is closed. The refusing policy's name is logged and left in
/// <see cref="HttpContext.Items"/> under <see cref="PolicyItem"/> (a metric's <c>policy</c> label).
/// </summary>
public static partial class RateLimitRejection
{
    public const string PolicyItem = "RateLimiting.Policy";

    public static async Task RejectAsync(HttpContext context, BucketVerdict verdict, ILogger logger)
    {
        var policy = verdict.Policy ?? RateLimitingOptions.IpPolicy;
        context.Items[PolicyItem] = policy;
        LogRejected(logger, policy, verdict.Outcome);

        var status = verdict.Outcome == BucketOutcome.Unavailable
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status429TooManyRequests;
        var retryAfter = Math.Max(1, (int)Math.Ceiling(verdict.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var (error, description) = ErrorWriter.Describe(status);
        await ErrorWriter.WriteAsync(context, status, error, description);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rate limit policy {Policy} refused a request ({Outcome})")]
    private static partial void LogRejected(ILogger logger, string policy, BucketOutcome outcome);
}
