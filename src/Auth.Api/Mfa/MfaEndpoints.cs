using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Api.Authorization;
using Auth.Api.Errors;
using Auth.Api.OpenApi;
using Auth.Application.Mfa;
using Mediator;
using OpenIddict.Abstractions;

namespace Auth.Api.Mfa;

/// <summary>
/// /mfa/totp: enrolment, verification, removal and recovery codes for the user a Bearer access token belongs to.
/// <see cref="ApiPolicies.Mfa"/> decides which tokens are accepted; enrolment, removal and new recovery codes take
/// <see cref="ApiPolicies.MfaRecentSignIn"/>, which also needs a recent sign-in.
/// </summary>
public static class MfaEndpoints
{
    public static IEndpointRouteBuilder MapMfa(this IEndpointRouteBuilder app)
    {
        // Secrets and recovery codes, and the answers about them, are not kept by any cache.
        var mfa = app.MapGroup(Routes.MfaTotp).AddEndpointFilter(NoStore);

        mfa.MapPost("/generate", async (HttpContext http, ISender sender, CancellationToken ct) =>
        {
            // Replacing a confirmed authenticator takes a current code from it: {"code": "123456"}.
            var body = http.Request.HasJsonContentType() ? await ReadAsync<CodeRequest>(http) : null;
            var result = await sender.Send(new GenerateTotp(UserId(http), body?.Code), ct);
            return result.Succeeded
                ? TypedResults.Json(new Enrolment(result.Value.Secret, result.Value.OtpAuthUri, QrCode.SvgDataUri(result.Value.OtpAuthUri),
                    "Scan the QR code or enter the secret in an authenticator app, then confirm with POST /mfa/totp/verify."))
                : OAuthErrorResults.From(result.Error, BearerApi.Mfa);
        }).RequireAuthorization(ApiPolicies.MfaRecentSignIn)
            .WithSummary("Start enrolling an authenticator app")
            .WithDescription("A new TOTP secret, its otpauth URI and QR code, pending until POST /mfa/totp/verify confirms it. " +
                             "Replacing a confirmed authenticator takes a current code from it. Needs a recent sign-in.")
            .WithJsonBody<CodeRequest>(required: false)
            .Produces<Enrolment>();

        // A plain verification needs no recent sign-in; confirming a pending enrolment does (VerifyTotp decides).
        mfa.MapPost("/verify", async (HttpContext http, RecentSignIn recentSignIn, ISender sender, CancellationToken ct) =>
        {
            var body = await ReadAsync<CodeRequest>(http);
            if (body is null)
            {
                return OAuthErrorResults.InvalidRequest("Send a JSON body: {\"code\": \"123456\"}.");
            }

            var result = await sender.Send(new VerifyTotp(UserId(http), body.Code ?? string.Empty, recentSignIn.IsRecent(http.User)), ct);
            if (!result.Succeeded)
            {
                return OAuthErrorResults.From(result.Error, BearerApi.Mfa);
            }

            return result.Value.Enrolled
                ? TypedResults.Json(new Verification(true, "enrolled", "The authenticator is confirmed. Keep these recovery codes safe; they are shown once.", result.Value.RecoveryCodes))
                : TypedResults.Json(new Verification(true, "verified", "The code is valid.", null));
        }).RequireAuthorization(ApiPolicies.Mfa)
            .WithSummary("Verify a TOTP code, or confirm a pending enrolment")
            .WithDescription("Confirming an enrolment needs a recent sign-in and answers with the recovery codes, shown once.")
            .WithJsonBody<CodeRequest>(required: true)
            .Produces<Verification>();

        mfa.MapDelete(string.Empty, async (HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var body = await ReadAsync<CodeRequest>(http);
            if (body is null)
            {
                return OAuthErrorResults.InvalidRequest("Send a JSON body with a current code or a recovery code: {\"code\": \"123456\"} or {\"recovery_code\": \"…\"}.");
            }

            var result = await sender.Send(new RemoveTotp(UserId(http), body.Code, body.RecoveryCode), ct);
            return result.Succeeded ? TypedResults.NoContent() : OAuthErrorResults.From(result.Error, BearerApi.Mfa);
        }).RequireAuthorization(ApiPolicies.MfaRecentSignIn)
            .WithSummary("Remove the authenticator app")
            .WithDescription("Takes a current code or a recovery code. Needs a recent sign-in.")
            .WithJsonBody<CodeRequest>(required: true)
            .Produces(StatusCodes.Status204NoContent);

        mfa.MapPost("/recovery-codes", async (HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var body = await ReadAsync<CodeRequest>(http);
            if (body is null)
            {
                return OAuthErrorResults.InvalidRequest("Send a JSON body: {\"code\": \"123456\"}.");
            }

            var result = await sender.Send(new RegenerateRecoveryCodes(UserId(http), body.Code ?? string.Empty), ct);
            return result.Succeeded
                ? TypedResults.Json(new Verification(true, "recovery_codes_replaced", "The previous recovery codes no longer work.", result.Value))
                : OAuthErrorResults.From(result.Error, BearerApi.Mfa);
        }).RequireAuthorization(ApiPolicies.MfaRecentSignIn)
            .WithSummary("Replace the recovery codes")
            .WithDescription("Takes a current code; the previous recovery codes stop working. Needs a recent sign-in.")
            .WithJsonBody<CodeRequest>(required: true)
            .Produces<Verification>();

        return app;
    }

    /// <summary>The user the token belongs to: the MFA policies let only a user's token through.</summary>
    private static string UserId(HttpContext http) => http.User.GetClaim(OpenIddictConstants.Claims.Subject)!;

    private static ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return next(context);
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

    /// <summary>A code or a recovery code; each endpoint says which it takes (the defaults keep both optional in the document).</summary>
    private sealed record CodeRequest(
        [property: JsonPropertyName("code")] string? Code = null,
        [property: JsonPropertyName("recovery_code")] string? RecoveryCode = null);

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
