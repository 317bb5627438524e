using Auth.Api.OAuth;
using Auth.Application.Admin;
using Auth.Application.Keys;
using Auth.Infrastructure.Keys;
using Mediator;
using Microsoft.Extensions.Options;

namespace Auth.Api.Admin;

/// <summary>
/// GET /admin/v1/signing-keys and POST /admin/v1/signing-keys/rotate (scope admin.keys): the keys tokens are signed
/// with, newest first, and a rotation, as the <c>keys</c> verb does. Never a private key.
/// </summary>
public static class SigningKeyEndpoints
{
    public static IEndpointRouteBuilder MapAdminSigningKeys(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.AdminV1SigningKeys, async (HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var keys = await sender.Send(new ListSigningKeys(), ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(AdminPage<SigningKeyRecord>.Of(keys.Select(SigningKeyRecord.From).ToList(), nextCursor: null, http.Request, oauth.Value.Issuer));
        }).RequireAuthorization(AdminScopes.Keys)
            .WithSummary("The signing keys, newest first")
            .WithDescription("Every key tokens are signed or verified with: its kid, algorithm, times (created, signs from, retires), whether it signs now and whether it is published. Never a private key.")
            .Produces<AdminPage<SigningKeyRecord>>();

        app.MapPost(Routes.AdminV1SigningKeys + "/rotate", async (HttpContext http, ISender sender, SigningKeyRing ring, CancellationToken ct) =>
        {
            var rotated = await sender.Send(new RotateSigningKey(), ct);

            // This node publishes the new key at once, the others within SigningKeys:RefreshInterval; all of them
            // sign with it from signs_from (SigningKeys:PublishAhead from now).
            await ring.ReloadAsync(ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new SigningKeyRotation(rotated.NewKeyId, AdminTime.Format(rotated.SignsFrom), rotated.RetiredKeyIds, rotated.DeletedKeyIds));
        }).RequireAuthorization(AdminScopes.Keys)
            .WithSummary("Rotate the signing key")
            .WithDescription("A new key is published at once and signs from signs_from (SigningKeys:PublishAhead later, 5 minutes by default), on every node at the same moment, so every node and relying party has it before its first token. The keys it replaces sign until then and stay published until their tokens have expired. Audited with the calling client.")
            .Produces<SigningKeyRotation>();
        return app;
    }
}
