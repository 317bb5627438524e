using Auth.Api.Errors;
using Auth.Api.OAuth;
using Auth.Application.Admin;
using Auth.Application.Clients;
using Auth.Application.IdentityProviders;
using Auth.Infrastructure.IdentityProviders;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Auth.Api.Admin;

/// <summary>
/// /admin/v1/identity-providers (scopes admin.identity-providers.read and .write): the upstream identity providers,
/// registered, replaced and removed as the <c>identity-providers</c> verb and the seed file do. A change counts on this
/// node at once (the catalog reloads, as the key ring does after a rotation) and on the others within
/// IdentityProviders:RefreshInterval. Never a client secret or private key.
/// </summary>
public static class IdentityProviderEndpoints
{
    private const string ById = Routes.AdminV1IdentityProviders + "/{id}";

    public static IEndpointRouteBuilder MapAdminIdentityProviders(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.AdminV1IdentityProviders, async (HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var providers = await sender.Send(new ListIdentityProviders(), ct);
            http.Response.Headers.CacheControl = "no-store";

            // A deployment has a handful of providers: one page, in the shape of every other list.
            return Results.Ok(AdminPage<IdentityProviderRecord>.Of(providers.Select(IdentityProviderRecord.From).ToList(), nextCursor: null, http.Request, oauth.Value.Issuer));
        }).RequireAuthorization(AdminScopes.IdentityProvidersRead)
            .WithSummary("The identity providers, by id")
            .WithDescription("Every registered upstream identity provider in id order, in one page (next is null). has_client_secret says whether a secret is stored; the secret and any private key are never shown.")
            .Produces<AdminPage<IdentityProviderRecord>>();

        app.MapGet(ById, async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            if (await sender.Send(new GetIdentityProvider(id), ct) is not { } provider)
            {
                return NotFound(id);
            }

            http.Response.Headers.ETag = VersionTag.Of(provider.Version);
            return Results.Ok(IdentityProviderDetailsRecord.From(provider));
        }).RequireAuthorization(AdminScopes.IdentityProvidersRead)
            .WithSummary("One identity provider")
            .WithDescription("The provider's whole definition (the body a PUT takes, less the secret), its private_key_jwt certificate, and its version, also sent as the ETag for If-Match. 404 not_found for an unknown id.")
            .Produces<IdentityProviderDetailsRecord>();

        app.MapPost(Routes.AdminV1IdentityProviders, async ([FromBody] IdentityProviderBody body, HttpContext http, ISender sender,
            IdentityProviderCatalog catalog, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var definition = body.ToDefinition();
            var registered = await sender.Send(new RegisterIdentityProvider(definition), ct);
            return registered.Succeeded
                ? await WrittenAsync(definition.Id, registered.Value, http, sender, catalog, oauth.Value.Issuer, ct)
                : AdminResults.Error(registered.Error);
        }).RequireAuthorization(AdminScopes.IdentityProvidersWrite)
            .WithSummary("Register an identity provider")
            .WithDescription("201 with the provider and its Location. 409 conflict when the id, or one of the domains, is taken; 400 invalid_request with a field list for a definition the seed file would refuse. Audited with the calling client.")
            .Produces<IdentityProviderDetailsRecord>(StatusCodes.Status201Created);

        app.MapPut(ById, async (string id, [FromBody] IdentityProviderBody body, HttpContext http, ISender sender,
            IdentityProviderCatalog catalog, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            if (body.Id is not null && body.Id != id)
            {
                return OAuthErrorResults.InvalidRequest($"id: the body names '{body.Id}', the path '{id}'.");
            }

            var version = VersionTag.ExpectedNumber(http.Request);
            if (VersionTag.IsAny(http.Request) && await sender.Send(new GetIdentityProvider(id), ct) is null)
            {
                return OAuthErrorResults.Create(StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed, $"No identity provider has the id '{id}'.");
            }

            var replaced = await sender.Send(new RegisterIdentityProvider(body.ToDefinition() with { Id = id }, ReplaceExisting: true, ExpectedVersion: version), ct);
            return replaced.Succeeded
                ? await WrittenAsync(id, replaced.Value, http, sender, catalog, oauth.Value.Issuer, ct)
                : AdminResults.Error(replaced.Error);
        }).RequireAuthorization(AdminScopes.IdentityProvidersWrite)
            .WithSummary("Replace (or register) an identity provider")
            .WithDescription("The whole definition, client secret included (it is never read back); the path names the provider. Sending the same body again changes nothing. 201 when it registered a new provider, else 200. With If-Match, 412 precondition_failed when the provider changed since that version or is gone. Audited with the calling client.")
            .Produces<IdentityProviderDetailsRecord>()
            .Produces<IdentityProviderDetailsRecord>(StatusCodes.Status201Created);

        app.MapDelete(ById, async (string id, ISender sender, IdentityProviderCatalog catalog, CancellationToken ct) =>
        {
            var removed = await sender.Send(new RemoveIdentityProvider(id), ct);
            if (!removed.Succeeded)
            {
                return AdminResults.Error(removed.Error);
            }

            await catalog.ReloadAsync(ct);
            return Results.NoContent();
        }).RequireAuthorization(AdminScopes.IdentityProvidersWrite)
            .WithSummary("Remove an identity provider")
            .WithDescription("Removes the provider with its domains and its users' links to it, and ends the sessions begun through it. The users stay, without a way in through it until linked again (as the identity-providers remove verb). 204; 404 not_found for an unknown id. Audited with the calling client.")
            .Produces(StatusCodes.Status204NoContent);
        return app;
    }

    /// <summary>After a write: this node's catalog at once, then the provider as stored, with its ETag.</summary>
    private static async Task<IResult> WrittenAsync(string id, ChangeOutcome outcome, HttpContext http, ISender sender,
        IdentityProviderCatalog catalog, Uri issuer, CancellationToken ct)
    {
        await catalog.ReloadAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        if (await sender.Send(new GetIdentityProvider(id), ct) is not { } provider)
        {
            // Removed by another request in between.
            return NotFound(id);
        }

        http.Response.Headers.ETag = VersionTag.Of(provider.Version);
        var record = IdentityProviderDetailsRecord.From(provider);
        return outcome == ChangeOutcome.Created
            ? Results.Created(Routes.UnderIssuer(issuer, Routes.AdminV1IdentityProviders + "/" + Uri.EscapeDataString(id)), record)
            : Results.Ok(record);
    }

    private static IResult NotFound(string id) =>
        OAuthErrorResults.Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"No identity provider has the id '{id}'.");
}
