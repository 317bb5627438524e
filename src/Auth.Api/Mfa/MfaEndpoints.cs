using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Api.Errors;
using Auth.Application.Mfa;
using Auth.Application.Results;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Mfa;

/// <summary>
/// /mfa/totp: enrolment, verification, removal and recovery codes for the user a Bearer access token belongs to.
/// No token or a bad one is 401; a client's own token (client_credentials) is 403, since there is no user.
/// </summary>
public static class MfaEndpoints
{
    public static IEndpointRouteBuilder MapMfa(this IEndpointRouteBuilder app)
    {
        var mfa = app.MapGroup("/mfa/totp").ExcludeFromDescription();

        mfa.MapPost("/generate", (HttpContext http, ISender sender, CancellationToken ct) => ForUserAsync(http, async userId =>
        {
            // Replacing a confirmed authenticator takes a current code from it: {"code": "123456"}.
            var body = http.Request.HasJsonContentType() ? await ReadAsync<CodeRequest>(http) : null;
            var result = await sender.Send(new GenerateTotp(userId, body?.Code), ct);
            return result.Succeeded
                ? TypedResults.Json(new Enrolment(result.Value.Secret, result.Value.OtpAuthUri, QrCode.SvgDataUri(result.Value.OtpAuthUri),
                    "Scan the QR code or enter the secret in an authenticator app, then confirm with POST /mfa/totp/verify."))
                : Problem(result.Error);
        }));

        mfa.MapPost("/verify", (HttpContext http, ISender sender, CancellationToken ct) => ForUserAsync(http, async userId =>
        {
            var body = await ReadAsync<CodeRequest>(http);
            if (body is null)
            {
                return Invalid("Send a JSON body: {\"code\": \"123456\"}.");
            }

            var result = await sender.Send(new VerifyTotp(userId, body.Code ?? string.Empty), ct);
            if (!result.Succeeded)
            {
                return Problem(result.Error);
            }

            return result.Value.Enrolled
                ? TypedResults.Json(new Verification(true, "enrolled", "The authenticator is confirmed. Keep these recovery codes safe; they are shown once.", result.Value.RecoveryCodes))
                : TypedResults.Json(new Verification(true, "verified", "The code is valid.", null));
        }));

        mfa.MapDelete(string.Empty, (HttpContext http, ISender sender, CancellationToken ct) => ForUserAsync(http, async userId =>
        {
            var body = await ReadAsync<CodeRequest>(http);
            if (body is null)
            {
                return Invalid("Send a JSON body with a current code or a recovery code: {\"code\": \"123456\"} or {\"recovery_code\": \"…\"}.");
            }

            var result = await sender.Send(new RemoveTotp(userId, body.Code, body.RecoveryCode), ct);
            return result.Succeeded ? TypedResults.NoContent() : Problem(result.Error);
        }));

        mfa.MapPost("/recovery-codes", (HttpContext http, ISender sender, CancellationToken ct) => ForUserAsync(http, async userId =>
        {
            var body = await ReadAsync<CodeRequest>(http);
            if (body is null)
            {
                return Invalid("Send a JSON body: {\"code\": \"123456\"}.");
            }

            var result = await sender.Send(new RegenerateRecoveryCodes(userId, body.Code ?? string.Empty), ct);
            return result.Succeeded
                ? TypedResults.Json(new Verification(true, "recovery_codes_replaced", "The previous recovery codes no longer work.", result.Value))
                : Problem(result.Error);
        }));

        return app;
    }

    private static async Task<IResult> ForUserAsync(HttpContext http, Func<string, Task<IResult>> action)
    {
        http.Response.Headers.CacheControl = "no-store";
        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } principal)
        {
            http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"mfa\"" +
                (http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? ", error=\"invalid_token\"" : string.Empty);
            return Error(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidToken, "A Bearer access token of a signed-in user is required.");
        }

        var subject = principal.GetClaim(Claims.Subject);
        if (subject is null || subject == principal.GetClaim(Claims.ClientId))
        {
            return Error(StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, "This access token belongs to a client, not a user.");
        }

        return await action(subject);
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

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<ErrorBody> Problem(Error error) => error.Kind switch
    {
        ErrorKind.NotFound => Error(StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, error.Description),
        _ => Error(StatusCodes.Status400BadRequest, error.Code ?? ErrorCodes.InvalidRequest, error.Description),
    };

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<ErrorBody> Invalid(string description) => Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, description);

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<ErrorBody> Error(int status, string error, string description) =>
        TypedResults.Json(ErrorBody.Create(error, description), statusCode: status);

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
