using System.Text.Json.Nodes;
using Auth.Api.Authorization;
using Auth.Api.OAuth;
using Auth.Application.Results;
using Auth.Application.Scim;
using Auth.Application.Scim.Patch;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Auth.Api.Scim;

/// <summary>
/// One request to a SCIM resource endpoint (RFC 7644 §3), bound with [AsParameters]: what each verb does around its
/// one Mediator request. It reads what the request carries (the body, If-Match, the provisioning client), sends it,
/// and answers with the resource and its ETag (RFC 7644 §3.14), or with the error in the SCIM schema. The sender is
/// marked a service: the Request Delegate Generator would otherwise take it for a possible JSON body and declare that
/// the endpoints accept JSON only, so routing would answer a form body 415 before authorization answers 401.
/// </summary>
public sealed record ScimExchange(HttpContext Http, [property: FromServices] ISender Sender, CancellationToken Aborted)
{
    /// <summary>The resource's address under the configured issuer (meta.location, the Location header, $ref).</summary>
    public static string Location(HttpContext http, string resource, string id)
    {
        var issuer = http.RequestServices.GetRequiredService<IOptions<OAuthOptions>>().Value.Issuer;
        return Routes.UnderIssuer(issuer, $"{Routes.ScimV2}/{resource}/{Uri.EscapeDataString(id)}").AbsoluteUri;
    }

    /// <summary>GET /{type}/{id} (RFC 7644 §3.4.1): 304 when If-None-Match names the current version.</summary>
    public async Task<IResult> ShowAsync<TView>(IQuery<Result<TView>> query, Func<HttpContext, TView, ScimResource> show)
    {
        var result = await Sender.Send(query, Aborted);
        if (!result.Succeeded)
        {
            return ScimResponses.Error(result.Error);
        }

        var resource = show(Http, result.Value);
        if (ScimRequest.IfNoneMatch(Http.Request) is { } known && known.Admits(resource.Version))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var selection = ScimListing.FromQuery(Http.Request.Query);
        var document = ScimAttributeSelection.Apply(resource.Document(), selection.Attributes, selection.ExcludedAttributes);
        return ScimResponses.Resource(document, etag: ScimMeta.ETag(resource.Version));
    }

    /// <summary>POST /{type} (RFC 7644 §3.3): 201 with the resource, its ETag and its Location.</summary>
    public Task<IResult> CreateAsync<TView>(Func<JsonObject, string, ICommand<Result<TView>>> create, Func<HttpContext, TView, ScimResource> show) =>
        WithBodyAsync(body => AnswerAsync(create(body, ClientId), view => Written(show(Http, view), StatusCodes.Status201Created, withLocation: true)));

    /// <summary>PUT /{type}/{id} (RFC 7644 §3.5.1).</summary>
    public Task<IResult> ReplaceAsync<TView>(Func<JsonObject, ScimIfMatch?, string, ICommand<Result<TView>>> replace, Func<HttpContext, TView, ScimResource> show) =>
        WithBodyAsync(body => AnswerAsync(replace(body, IfMatch, ClientId), view => Written(show(Http, view), StatusCodes.Status200OK)));

    /// <summary>PATCH /{type}/{id} (RFC 7644 §3.5.2) answered with the patched resource.</summary>
    public Task<IResult> PatchAsync<TView>(Func<IReadOnlyList<ScimPatchOperation>, ScimIfMatch?, string, ICommand<Result<TView>>> patch, Func<HttpContext, TView, ScimResource> show) =>
        WithPatchAsync(operations => AnswerAsync(patch(operations, IfMatch, ClientId), view => Written(show(Http, view), StatusCodes.Status200OK)));

    /// <summary>PATCH /{type}/{id} answered 204 with only the new ETag, which RFC 7644 §3.5.2 also allows.</summary>
    public Task<IResult> PatchWithoutContentAsync<TView>(Func<IReadOnlyList<ScimPatchOperation>, ScimIfMatch?, string, ICommand<Result<TView>>> patch, Func<TView, long> version) =>
        WithPatchAsync(operations => AnswerAsync(patch(operations, IfMatch, ClientId), view =>
        {
            Http.Response.Headers.ETag = ScimMeta.ETag(version(view));
            return Results.NoContent();
        }));

    /// <summary>DELETE /{type}/{id} (RFC 7644 §3.6): 204.</summary>
    public Task<IResult> DeleteAsync(Func<ScimIfMatch?, string, ICommand<Result<bool>>> delete) =>
        AnswerAsync(delete(IfMatch, ClientId), _ => Results.NoContent());

    /// <summary>The request's JSON body handed on, or the error reading it met (415, 400).</summary>
    public async Task<IResult> WithBodyAsync(Func<JsonObject, Task<IResult>> next)
    {
        var (body, error) = await ScimRequest.ReadBodyAsync(Http.Request);
        return error ?? await next(body!);
    }

    private ScimIfMatch? IfMatch => ScimRequest.IfMatch(Http.Request);

    private string ClientId => BearerClient.Id(Http);

    private async Task<IResult> WithPatchAsync(Func<IReadOnlyList<ScimPatchOperation>, Task<IResult>> next)
    {
        var (operations, invalid) = await ScimRequest.ReadPatchAsync(Http.Request);
        return invalid ?? await next(operations!);
    }

    private async Task<IResult> AnswerAsync<TView>(ICommand<Result<TView>> command, Func<TView, IResult> answer)
    {
        var result = await Sender.Send(command, Aborted);
        return result.Succeeded ? answer(result.Value) : ScimResponses.Error(result.Error);
    }

    private static IResult Written(ScimResource resource, int status, bool withLocation = false) =>
        ScimResponses.Resource(resource.Document(), status, ScimMeta.ETag(resource.Version), withLocation ? resource.Location : null);
}
