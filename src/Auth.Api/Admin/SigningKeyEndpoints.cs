using Auth.Api.Authorization;
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
        }).RequireAuthorization(AdminScopes.Keys);

        app.MapPost(Routes.AdminV1SigningKeys + "/rotate", async (HttpContext http, ISender sender, SigningKeyRing ring, CancellationToken ct) =>
        {
            var rotated = await sender.Send(new RotateSigningKey(BearerClient.Id(http)), ct);

            // This node signs with the new key from the next token on; the others within SigningKeys:RefreshInterval.
            await ring.ReloadAsync(ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new SigningKeyRotation(rotated.NewKeyId, rotated.RetiredKeyIds, rotated.DeletedKeyIds));
        }).RequireAuthorization(AdminScopes.Keys);
        return app;
    }
}
