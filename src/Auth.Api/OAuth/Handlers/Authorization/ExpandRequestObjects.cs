using Auth.Api.OAuth.ClientKeys;
using Auth.Api.OAuth.Handlers.ClientAuthentication;
using Auth.Application.Clients;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// Request objects passed by value (OpenID Connect Core §6.1, RFC 9101 §2.1): an authorization or pushed authorization
/// request whose <c>request</c> parameter is a JWT is read, as soon as OpenIddict has read the request, into the
/// request's parameters, and <c>request</c> itself is dropped, so every later check (OpenIddict's, and this service's)
/// sees the parameters the object carries. A signed object's parameters are the request's alone (RFC 9101 §5); an
/// unsigned one's replace the same ones in the URL, which fills in the rest (OpenID Connect Core §6.3.3). The object is
/// either signed with one of <see cref="RequestObjectSigning.Algorithms"/> by a key of the client's <c>jwks</c> or
/// <c>jwks_uri</c>, or unsigned (<c>none</c>). Either way it is typed as a request object or a JWT and names no
/// critical extension; its client_id (if any) is the request's, its iss (if any) is the client, its aud (if any) names
/// this server's issuer, it is within its exp and nbf, and a signed one's sub is not the client (that would be a client
/// assertion). Anything else is <c>invalid_request_object</c>, before any parameter of it is used. An object passed by
/// reference has been fetched into <c>request</c> by <see cref="DereferenceRequestUris"/> just before.
/// </summary>
public sealed class ExpandRequestObjects(IOpenIddictApplicationManager applications, JwksUriKeys jwksUriKeys, IOptions<OAuthOptions> options, TimeProvider clock)
    : IOpenIddictServerHandler<ExtractAuthorizationRequestContext>, IOpenIddictServerHandler<ExtractPushedAuthorizationRequestContext>
{
    /// <summary>How far apart this server's and the client's clocks may be for exp and nbf.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>How old a signed object's iat may be when it asks for a fresh sign-in (as a pushed request's lifetime, at most).</summary>
    public static readonly TimeSpan FreshSignInWindow = TimeSpan.FromMinutes(10);

    /// <summary>Reads and validates; it keeps no state between tokens.</summary>
    private static readonly JsonWebTokenHandler Tokens = new();

    private static readonly HashSet<string> Credentials = new(StringComparer.Ordinal)
    {
        Parameters.ClientSecret, Parameters.ClientAssertion, Parameters.ClientAssertionType,
    };

    public ValueTask HandleAsync(ExtractAuthorizationRequestContext context) => ExpandAsync(context, context.Request, expanded => context.Request = expanded);

    public ValueTask HandleAsync(ExtractPushedAuthorizationRequestContext context) => ExpandAsync(context, context.Request, expanded => context.Request = expanded);

    private async ValueTask ExpandAsync(BaseValidatingContext context, OpenIddictRequest? request, Action<OpenIddictRequest> replace)
    {
        if (request?.Request is not { Length: > 0 } requestObject)
        {
            return;
        }

        if (!string.IsNullOrEmpty(request.RequestUri))
        {
            context.Reject(OidcErrors.InvalidRequest, "The 'request' and 'request_uri' parameters must not both be present.");
            return;
        }

        JsonWebToken token;
        try
        {
            // A JWE (five parts) is not read: encrypted request objects are not supported.
            token = Tokens.ReadJsonWebToken(requestObject);
        }
        catch (ArgumentException)
        {
            Refuse(context, "The request object is not a signed or unsigned JWT.");
            return;
        }

        if (token.IsEncrypted || RequestObject.DecodePayload(token.EncodedPayload) is not { } payload)
        {
            Refuse(context, "The request object is not a signed or unsigned JWT.");
            return;
        }

        if (HeaderProblem(token) is { } header)
        {
            Refuse(context, header);
            return;
        }

        if (RequestObject.Parameters(payload, out var problem) is not { } parameters)
        {
            Refuse(context, problem!);
            return;
        }

        var inner = parameters.TryGetValue(Parameters.ClientId, out var named) ? named.ToString() : null;
        var clientId = string.IsNullOrEmpty(request.ClientId) ? inner : request.ClientId;
        if (string.IsNullOrEmpty(clientId) || inner is not null && !string.Equals(inner, clientId, StringComparison.Ordinal))
        {
            Refuse(context, "The request object's client_id must be the request's.");
            return;
        }

        if (await applications.FindByClientIdAsync(clientId, context.CancellationToken) is not { } application)
        {
            context.Reject(OidcErrors.InvalidRequest, "The specified 'client_id' is invalid.");
            return;
        }

        var settings = await applications.GetSettingsAsync(application, context.CancellationToken);
        var refused = FreshnessProblem(token, parameters) ?? RegistrationProblem(token, settings) ??
            await SignatureProblemAsync(token, clientId, settings, application, context.CancellationToken) ??
            ClaimsProblem(token, clientId);
        if (refused is not null)
        {
            Refuse(context, refused);
            return;
        }

        // A signed object's parameters are the request's alone (RFC 9101 §5): nothing in the URL beside it adds to what
        // the client signed. An unsigned one proves nothing, so the URL fills in what it leaves out (OpenID Connect Core §6.3.3).
        // The client's credentials at the pushed endpoint travel beside the object either way (it may not hold them).
        var unsigned = token.Alg == RequestObjectSigning.None;
        var expanded = new OpenIddictRequest();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name != Parameters.Request && (unsigned || Credentials.Contains(name)))
            {
                expanded.SetParameter(name, value);
            }
        }

        foreach (var (name, values) in parameters)
        {
            expanded.SetParameter(name, values.Count == 1 ? new OpenIddictParameter(values[0]) : new OpenIddictParameter([.. values.Select(v => v!)]));
        }

        expanded.ClientId = clientId;
        replace(expanded);
        if (!unsigned)
        {
            new SignedRequest(requestObject, IssuedAt(token)).KeepIn(context.Transaction);
        }
    }

    /// <summary>The object's iat (checked to be a NumericDate), or null.</summary>
    private static DateTimeOffset? IssuedAt(JsonWebToken token) =>
        token.TryGetPayloadValue<long>(Claims.IssuedAt, out var iat) ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(iat, 0, 253_402_300_799)) : null;

    /// <returns>
    /// Null unless a signed object asks for a fresh sign-in (prompt=login or select_account, or a max_age) without an
    /// iat from the last <see cref="FreshSignInWindow"/>: it comes back from the sign-in as it is
    /// (<see cref="SignedRequest"/>), and a sign-in after its iat meets what it asks, as one after a push does for a
    /// pushed request; the window bounds how old such a sign-in can be.
    /// </returns>
    private string? FreshnessProblem(JsonWebToken token, Dictionary<string, StringValues> parameters)
    {
        var fresh = parameters.TryGetValue(Parameters.Prompt, out var prompt) &&
                    prompt.ToString().Split(' ').Any(value => value is PromptValues.Login or PromptValues.SelectAccount) ||
                    parameters.ContainsKey(Parameters.MaxAge);
        if (!fresh || token.Alg == RequestObjectSigning.None)
        {
            return null;
        }

        return IssuedAt(token) is { } issued && issued >= clock.GetUtcNow() - FreshSignInWindow
            ? null
            : $"A signed request object that asks for a fresh sign-in (prompt=login, max_age) carries an iat from the last {FreshSignInWindow.TotalMinutes} minutes.";
    }

    /// <returns>Null unless the client registered an algorithm the object does not use, or signed objects alone and this one is not.</returns>
    private static string? RegistrationProblem(JsonWebToken token, System.Collections.Immutable.ImmutableDictionary<string, string> settings)
    {
        if (settings.TryGetValue(ClientSettings.RequestObjectSigningAlg, out var registered) && !string.Equals(token.Alg, registered, StringComparison.Ordinal))
        {
            return $"This client's request objects are signed with {registered} (its request_object_signing_alg).";
        }

        return token.Alg == RequestObjectSigning.None && settings.TryGetValue(ClientSettings.RequireSignedRequestObject, out var required) && required == "true"
            ? "This client's request objects must be signed (its require_signed_request_object)."
            : null;
    }

    /// <returns>Null when the object is unsigned, or signed with an accepted algorithm by a key of the client's.</returns>
    private async Task<string?> SignatureProblemAsync(
        JsonWebToken token, string clientId, System.Collections.Immutable.ImmutableDictionary<string, string> settings, object application, CancellationToken cancellationToken)
    {
        if (token.Alg == RequestObjectSigning.None)
        {
            return token.EncodedSignature.Length == 0 ? null : "An unsigned request object (alg none) carries no signature.";
        }

        if (!AcceptGenericTypedClientAssertions.Algorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return $"A request object is signed with one of {string.Join(", ", AcceptGenericTypedClientAssertions.Algorithms)}, or unsigned (none).";
        }

        IEnumerable<SecurityKey>? keys;
        if (settings.TryGetValue(ClientSettings.JwksUri, out var jwksUri))
        {
            var selfRegistered = await applications.IsSelfRegisteredAsync(application, cancellationToken);
            keys = await jwksUriKeys.GetAsync(clientId, jwksUri, selfRegistered, string.IsNullOrEmpty(token.Kid) ? null : token.Kid, cancellationToken);
            if (keys is null)
            {
                return "The client's keys could not be fetched from its jwks_uri.";
            }
        }
        else
        {
            keys = (await applications.GetJsonWebKeySetAsync(application, cancellationToken))?.Keys;
        }

        if (keys is null || !keys.Any())
        {
            return "A signed request object needs keys registered for the client (jwks or jwks_uri).";
        }

        var result = await Tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = true,
            ValidAlgorithms = AcceptGenericTypedClientAssertions.Algorithms,
            RequireSignedTokens = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateTokenReplay = false,
            TypeValidator = (type, _, _) => type ?? string.Empty,
        });
        return result.IsValid ? null : "The request object's signature does not verify with the client's keys.";
    }

    /// <returns>Null when the header is a request object's: typed as one or as a JWT (or not typed), and naming no critical extension.</returns>
    private static string? HeaderProblem(JsonWebToken token)
    {
        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            return "A request object names no critical header extension (crit): none is understood here.";
        }

        var type = token.Typ;
        return string.IsNullOrEmpty(type) ||
               string.Equals(type, JsonWebTokenTypes.GenericJsonWebToken, StringComparison.OrdinalIgnoreCase) ||
               string.Equals(type, RequestObject.MediaType, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"A request object is typed {RequestObject.MediaType} or JWT.";
    }

    /// <returns>
    /// Null when the JWT claims that are present fit: iss the client, aud this server, within exp and nbf, and a sub
    /// that is not the client (such an object, signed by the client, would pass for a client assertion: RFC 7523 §3).
    /// </returns>
    private string? ClaimsProblem(JsonWebToken token, string clientId)
    {
        if (token.Alg != RequestObjectSigning.None && token.TryGetPayloadValue<string>(Claims.Subject, out var subject) &&
            string.Equals(subject, clientId, StringComparison.Ordinal))
        {
            return "A signed request object's sub must not be the client: that is a client assertion's.";
        }

        if (token.TryGetPayloadValue<string>(Claims.Issuer, out var issuer) && !string.Equals(issuer, clientId, StringComparison.Ordinal))
        {
            return "The request object's iss must be the client_id.";
        }

        if (token.TryGetPayloadValue<object>(Claims.Audience, out _))
        {
            var ours = options.Value.Issuer.AbsoluteUri.TrimEnd('/');
            if (!token.Audiences.Any(audience => string.Equals(audience.TrimEnd('/'), ours, StringComparison.Ordinal)))
            {
                return "The request object's aud must name this server's issuer.";
            }
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)ClockSkew.TotalSeconds;
        if (!TimeFits(token, Claims.ExpiresAt, exp => exp > now - skew))
        {
            return "The request object has expired, or its exp is not a NumericDate.";
        }

        if (!TimeFits(token, Claims.IssuedAt, iat => iat <= now + skew))
        {
            return "The request object's iat is in the future.";
        }

        if (!TimeFits(token, Claims.NotBefore, nbf => nbf <= now + skew))
        {
            return "The request object is not valid yet, or its nbf is not a NumericDate.";
        }

        return null;
    }

    /// <summary>True when the claim is absent, or a NumericDate (RFC 7519 §2, seconds; a JSON number, <see cref="RequestObject.Parameters"/>) that <paramref name="fits"/>.</summary>
    private static bool TimeFits(JsonWebToken token, string claim, Func<long, bool> fits) =>
        !token.TryGetPayloadValue<object>(claim, out _) ||
        token.TryGetPayloadValue<long>(claim, out var seconds) && fits(seconds);

    private static void Refuse(BaseValidatingContext context, string description) =>
        context.Reject(RequestObject.InvalidRequestObject, description);
}
