using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Api.Errors;
using Auth.Application.Mfa;
using Auth.Application.Results;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Auth.Api.Mfa;

/// <summary>
/// /mfa/totp: enrolment, verification, removal and recovery codes for the user a Bearer access token belongs to.
/// <see cref="MfaAuthorization"/> decides which tokens are accepted; enrolment, removal and new recovery codes also
/// need a recent sign-in.
/// </summary>
public static class MfaEndpoints
{
    public static IEndpointRouteBuilder MapMfa(this IEndpointRouteBuilder app)
    {
        var mfa = app.MapGroup(Routes.MfaTotp).ExcludeFromDescription();

        mfa.MapPost("/generate", (HttpContext http, MfaAuthorization authorization, ISender sender, CancellationToken ct) => authorization.ForUserAsync(http, requireRecentSignIn: true, async caller =>
        {
            // Replacing a confirmed authenticator takes a current code from it: {"code": "123456"}.
            var body = http.Request.HasJsonContentType() ? await ReadAsync<CodeRequest>(http) : null;
            var result = await sender.Send(new GenerateTotp(caller.UserId, body?.Code), ct);
            return result.Succeeded
                ? TypedResults.Json(new Enrolment(result.Value.Secret, result.Value.OtpAuthUri, QrCode.SvgDataUri(result.Value.OtpAuthUri),
                    "Scan the QR code or enter the secret in an authenticator app, then confirm with POST /mfa/totp/verify."))
                : Problem(http, authorization, result.Error);
        }));

        // A plain verification needs no recent sign-in; confirming a pending enrolment does (VerifyTotp decides).
        mfa.MapPost("/verify", (HttpContext http, MfaAuthorization authorization, ISender sender, CancellationToken ct) => authorization.ForUserAsync(http, requireRecentSignIn: false, async caller =>
        {
            var body = await ReadAsync<CodeRequest>(http);
            if (body is null)
            {
                return Invalid("Send a JSON body: {\"code\": \"123456\"}.");
            }

            var result = await sender.Send(new VerifyTotp(caller.UserId, body.Code ?? string.Empty, caller.RecentSignIn), ct);
            if (!result.Succeeded)
            {
                return Problem(http, authorization, result.Error);
            }

            return result.Value.Enrolled
                ? TypedResults.Json(new Verification(true, "enrolled", "The authenticator is confirmed. Keep these recovery codes safe; they are shown once.", result.Value.RecoveryCodes))
                : TypedResults.Json(new Verification(true, "verified", "The code is valid.", null));
        }));

        mfa.MapDelete(string.Empty, (HttpContext http, MfaAuthorization authorization, ISender sender, CancellationToken ct) => authorization.ForUserAsync(http, requireRecentSignIn: true, async caller =>
        {
            var body = await ReadAsync<CodeRequest>(http);
            if (body is null)
            {
                return Invalid("Send a JSON body with a current code or a recovery code: {\"code\": \"123456\"} or {\"recovery_code\": \"…\"}.");
            }

            var result = await sender.Send(new RemoveTotp(caller.UserId, body.Code, body.RecoveryCode), ct);
            return result.Succeeded ? TypedResults.NoContent() : Problem(http, authorization, result.Error);
        }));

        mfa.MapPost("/recovery-codes", (HttpContext http, MfaAuthorization authorization, ISender sender, CancellationToken ct) => authorization.ForUserAsync(http, requireRecentSignIn: true, async caller =>
        {
            var body = await ReadAsync<CodeRequest>(http);
            if (body is null)
            {
                return Invalid("Send a JSON body: {\"code\": \"123456\"}.");
            }

            var result = await sender.Send(new RegenerateRecoveryCodes(caller.UserId, body.Code ?? string.Empty), ct);
            return result.Succeeded
                ? TypedResults.Json(new Verification(true, "recovery_codes_replaced", "The previous recovery codes no longer work.", result.Value))
                : Problem(http, authorization, result.Error);
        }));

        return app;
    }

    /// <summary>A member sent twice is refused rather than the last one silently winning (RFC 7493 §2.3).</summary>
    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    private static async Task<T?> ReadAsync<T>(HttpContext http)
        where T : class
    {
        try
        {
            return await http.Request.ReadFromJsonAsync<T>(BodyJson, http.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or
                                   BadHttpRequestException { StatusCode: not StatusCodes.Status413PayloadTooLarge })
        {
            return null;
        }
    }

    private static JsonHttpResult<ErrorBody> Problem(HttpContext http, MfaAuthorization authorization, Error error) => error switch
    {
        { Kind: ErrorKind.NotFound } => MfaAuthorization.Error(StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, error.Description),
        { Code: TotpErrors.InsufficientUserAuthentication } => authorization.RecentSignInRequired(http, error.Description),
        _ => MfaAuthorization.Error(StatusCodes.Status400BadRequest, error.Code ?? ErrorCodes.InvalidRequest, error.Description),
    };

    private static JsonHttpResult<ErrorBody> Invalid(string description) => MfaAuthorization.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, description);

    private sealed record CodeRequest(
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("recovery_code")] string? RecoveryCode);

    private sealed record Enrolment(
        [property: JsonPropertyName("secret")] string Secret,
        [property: JsonPropertyName("otpauth_uri")] string OtpAuthUri,
        [property: JsonPropertyName("qr_code")] string QrCode,
        [property: JsonPropertyName("message")] string Message);

    private sealed record Verification(
        [property: JsonPropertyName("verified")] bool Verified,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("recovery_codes")] IReadOnlyList<string>? RecoveryCodes);
}
