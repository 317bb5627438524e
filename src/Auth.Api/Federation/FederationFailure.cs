namespace Auth.Api.Federation;

/// <summary>
/// What the one federation error page shows: a fixed sentence per kind (nothing the upstream or the request said is
/// reflected), the provider's name, and the correlation id the audit log and the log lines carry.
/// </summary>
public sealed record FederationFailure(int StatusCode, string Message, string? ProviderName, string CorrelationId)
{
    public const string UnknownProvider = "This sign-in option is not available.";
    public const string Refused = "The identity provider refused or cancelled the sign-in.";
    public const string Invalid = "This sign-in response is not valid. Start the sign-in again.";
    public const string Unreachable = "The identity provider cannot be reached right now. Try again later.";

    public static FederationFailure Of(HttpContext context, int statusCode, string message, string? providerName) =>
        new(statusCode, message, providerName, Observability.CorrelationId.Of(context));
}
