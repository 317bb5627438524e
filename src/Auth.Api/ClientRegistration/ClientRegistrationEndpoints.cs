using System.Text.Json;
using Auth.Api.Authorization;
using Auth.Api.Errors;
using Auth.Api.OAuth;
using Auth.Application.Clients;
using Auth.Application.Clients.Registration;
using Auth.Application.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Auth.Api.ClientRegistration;

/// <summary>
/// Dynamic client registration (RFC 7591) at <c>POST /oauth/register</c> and its management (RFC 7592) at
/// <c>/oauth/register/{client_id}</c>, while ClientRegistration:Mode is not Off (404 otherwise, and not in discovery).
/// Bearer tokens only in the Authorization header: an initial access token to register (unless Open), the client's
/// registration access token to read, replace and delete it. Every answer is no-store.
/// </summary>
public static class ClientRegistrationEndpoints
{
    public static IEndpointRouteBuilder MapClientRegistration(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.Registration, async (
            HttpContext http, ISender sender, IOptions<ClientRegistrationOptions> options, IOptions<OAuthOptions> oauth, OutboundAddressGuard guard, CancellationToken ct) =>
        {
            var settings = options.Value;
            if (settings.Mode == ClientRegistrationMode.Off)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            var (definition, confidential, problem) = await ReadAsync(http.Request, guard, ct);
            if (definition is null)
            {
                return Invalid(problem!);
            }

            var registered = await sender.Send(new RegisterDynamicClient(
                definition, confidential, BearerToken(http.Request), settings.Policy, settings.Mode == ClientRegistrationMode.Open), ct);
            if (!registered.Succeeded)
            {
                return Error(http, registered.Error);
            }

            var client = registered.Value;
            var answer = Answer(client.Client, oauth.Value.Issuer, client.IssuedAt) with
            {
                ClientSecret = client.ClientSecret,
                ClientSecretExpiresAt = client.ClientSecret is null ? null : 0,
                RegistrationAccessToken = client.RegistrationAccessToken,
            };
            return Results.Json(answer, statusCode: StatusCodes.Status201Created);
        }).ExcludeFromDescription();

        app.MapGet(Routes.Registration + "/{client_id}", ([FromRoute(Name = "client_id")] string clientId, HttpContext http, ISender sender,
            IOptions<ClientRegistrationOptions> options, IOptions<OAuthOptions> oauth, OutboundAddressGuard guard, CancellationToken ct) =>
            ManageAsync(http, sender, options.Value, oauth.Value, guard, clientId, DynamicClientAction.Read, ct)).ExcludeFromDescription();

        app.MapPut(Routes.Registration + "/{client_id}", ([FromRoute(Name = "client_id")] string clientId, HttpContext http, ISender sender,
            IOptions<ClientRegistrationOptions> options, IOptions<OAuthOptions> oauth, OutboundAddressGuard guard, CancellationToken ct) =>
            ManageAsync(http, sender, options.Value, oauth.Value, guard, clientId, DynamicClientAction.Update, ct)).ExcludeFromDescription();

        app.MapDelete(Routes.Registration + "/{client_id}", ([FromRoute(Name = "client_id")] string clientId, HttpContext http, ISender sender,
            IOptions<ClientRegistrationOptions> options, IOptions<OAuthOptions> oauth, OutboundAddressGuard guard, CancellationToken ct) =>
            ManageAsync(http, sender, options.Value, oauth.Value, guard, clientId, DynamicClientAction.Delete, ct)).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ManageAsync(
        HttpContext http, ISender sender, ClientRegistrationOptions settings, OAuthOptions oauth, OutboundAddressGuard guard, string clientId,
        DynamicClientAction action, CancellationToken ct)
    {
        if (settings.Mode == ClientRegistrationMode.Off)
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "no-store";
        if (BearerToken(http.Request) is not { } token)
        {
            return Error(http, Application.Results.Error.Unauthorized("The registration access token is required (Authorization: Bearer)."));
        }

        ClientDefinition? replacement = null;
        var confidential = false;
        if (action == DynamicClientAction.Update)
        {
            var (definition, isConfidential, problem) = await ReadAsync(http.Request, guard, ct, clientId);
            if (definition is null)
            {
                return Invalid(problem!);
            }

            (replacement, confidential) = (definition, isConfidential);
        }

        var managed = await sender.Send(new ManageDynamicClient(clientId, token, action, settings.Policy, replacement, confidential), ct);
        if (!managed.Succeeded)
        {
            return Error(http, managed.Error);
        }

        return managed.Value is { } client
            ? Results.Json(Answer(client, oauth.Issuer, issuedAt: null) with { RegistrationAccessToken = token })
            : Results.NoContent();
    }

    private static async Task<(ClientDefinition? Client, bool Confidential, string? Problem)> ReadAsync(
        HttpRequest request, OutboundAddressGuard guard, CancellationToken ct, string? clientId = null)
    {
        if (!request.HasJsonContentType())
        {
            return (null, false, "The client metadata is a JSON object (Content-Type: application/json).");
        }

        try
        {
            return await request.ReadFromJsonAsync<ClientMetadata>(ct) switch
            {
                null => (null, false, "The client metadata is a JSON object."),
                { ClientId: { } named } when clientId is null || named != clientId => (null, false, "client_id is the server's to make, and a replacement names the client's own (RFC 7592 §2.2)."),
                var metadata => WithinTheGuard(metadata.ToDefinition(), guard),
            };
        }
        catch (JsonException)
        {
            return (null, false, "The client metadata is not a JSON object of RFC 7591 §2 members.");
        }
    }

    /// <summary>
    /// A URI the server would fetch from for the client, or the logo or front-channel logout page users' browsers load,
    /// on an IP address the server never fetches from, is refused at once.
    /// </summary>
    private static (ClientDefinition? Client, bool Confidential, string? Problem) WithinTheGuard(
        (ClientDefinition? Client, bool Confidential, string? Problem) read, OutboundAddressGuard guard) =>
        read.Client is { } client && client.RequestUris.Select(uri => ("request_uris", (string?)uri))
                .Append(("jwks_uri", client.JwksUri)).Append(("backchannel_logout_uri", client.BackchannelLogoutUri))
                .Append(("frontchannel_logout_uri", client.FrontchannelLogoutUri)).Append(("logo_uri", client.LogoUri))
                .Select(member => member.Item2 is { } uri && guard.Problem(uri) is { } problem ? $"{member.Item1}: {problem}" : null)
                .FirstOrDefault(problem => problem is not null) is { } refused
            ? (null, false, refused)
            : read;

    private static RegisteredClientResponse Answer(ClientDetails client, Uri issuer, DateTimeOffset? issuedAt)
    {
        var metadata = JsonSerializer.SerializeToElement(ClientMetadata.From(client));
        return new RegisteredClientResponse(
            client.ClientId,
            issuedAt?.ToUnixTimeSeconds(),
            Routes.UnderIssuer(issuer, Routes.Registration + "/" + Uri.EscapeDataString(client.ClientId)).AbsoluteUri)
        {
            Metadata = metadata.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).ToDictionary(p => p.Name, p => p.Value.Clone()),
        };
    }

    private static string? BearerToken(HttpRequest request) => AuthorizationHeader.Credentials(request, BearerChallenge.BearerScheme);

    private static IResult Invalid(string description) =>
        OAuthErrorResults.InvalidRequest(description, RegisteredClientRules.InvalidClientMetadata);

    // RFC 7591 §3.2.2 for the registration's errors; RFC 6750 §3.1 for a token that is missing or not good here.
    private static IResult Error(HttpContext http, Error error)
    {
        if (error.Kind is ErrorKind.Unauthorized or ErrorKind.NotFound)
        {
            // RFC 6750 §3.1: a request that presented no token gets a challenge without an error code.
            http.Response.Headers.WWWAuthenticate = BearerToken(http.Request) is null ? "Bearer" : "Bearer error=\"invalid_token\"";
            return OAuthErrorResults.Create(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidToken, error.Description);
        }

        return OAuthErrorResults.InvalidRequest(error.Description, error.Code ?? RegisteredClientRules.InvalidClientMetadata);
    }
}
