using System.Security.Claims;
using System.Text.Json;
using Auth.Api.OAuth;
using Auth.Application.Clients;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.Testing;

/// <summary>
/// <c>POST /testing/tokens</c> in ephemeral mode: a real token request (OpenIddict has authenticated the client and
/// checked its scopes) with the grant <see cref="ClientGrantTypes.Testing"/>, answered with the tokens a sign-in of the
/// named user would give that client: the same claims (<see cref="UserIdentity"/>), plus the extra claims asked for.
/// </summary>
public static class TestingGrant
{
    public const string UserNameParameter = "username";
    public const string ExtraClaimsParameter = "extra_claims";
    public const string MethodsParameter = "amr";

    // What the server decides itself: a test may not forge who issued the token, to whom, for what, or when.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        Claims.Subject, Claims.Issuer, Claims.Audience, Claims.ExpiresAt, Claims.NotBefore, Claims.IssuedAt, Claims.JwtId,
        Claims.Scope, Claims.ClientId, Claims.AuthorizedParty, Claims.AuthenticationTime, Claims.AuthenticationContextReference,
        Claims.AuthenticationMethodReference, Claims.Nonce, Claims.AccessTokenHash, Claims.CodeHash, "cnf", "sid", "idp",
        "typ", "token_type",
    };

    public static bool IsTestingGrant(OpenIddictRequest request) => string.Equals(request.GrantType, ClientGrantTypes.Testing, StringComparison.Ordinal);

    public static async Task<IResult> IssueAsync(
        HttpContext context,
        OpenIddictRequest request,
        IOpenIddictApplicationManager applications,
        IOpenIddictScopeManager scopes,
        ISender sender,
        OAuthOptions options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TestingRoutes.IsLocalCaller(context))
        {
            return Refuse(OidcErrors.AccessDenied, "The testing helpers answer loopback callers only.");
        }

        if (request.GetParameter(UserNameParameter)?.ToString() is not { Length: > 0 } userName)
        {
            return Refuse(OidcErrors.InvalidRequest, "The username parameter is missing.");
        }

        if (!TryReadExtraClaims(request.GetParameter(ExtraClaimsParameter)?.ToString(), out var extra, out var problem))
        {
            return Refuse(OidcErrors.InvalidRequest, problem);
        }

        var user = await sender.Send(new FindUserId(userName), cancellationToken) is { } id
            ? await sender.Send(new GetUserProfile(id), cancellationToken)
            : null;
        if (user is not { IsActive: true })
        {
            return Refuse(OidcErrors.InvalidGrant, "No active user has this user name.");
        }

        var methods = (request.GetParameter(MethodsParameter)?.ToString() ?? SignIn.AuthenticationMethods.Password)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var facts = new SignInFacts(methods, clock.GetUtcNow(), SessionId: null, IdentityProvider: null, ClaimsRequest.None);
        var memberships = await DirectoryClaims.ReadAsync(
            sender, applications, options, user.Id, request.ClientId!, request.HasScope(StandardScopes.Groups), cancellationToken);
        var identity = UserIdentity.Create(user, request.GetScopes(), facts, memberships);
        foreach (var claim in extra)
        {
            claim.SetDestinations(Destinations.AccessToken, Destinations.IdentityToken);
            identity.AddClaim(claim);
        }

        identity.SetResources(await scopes.ListResourcesAsync(identity.GetScopes(), cancellationToken).ToListAsync(cancellationToken));
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The grant at the wrong endpoint, or another grant at /testing/tokens: the two never mix.</summary>
    public static IResult Unsupported() => Refuse(OidcErrors.UnsupportedGrantType, "The grant type is not supported at this endpoint.");

    private static bool TryReadExtraClaims(string? json, out List<Claim> claims, out string problem)
    {
        claims = [];
        problem = string.Empty;
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            problem = "The extra_claims parameter is not JSON.";
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "The extra_claims parameter must be a JSON object.";
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (Reserved.Contains(property.Name) || property.Name.StartsWith("oi_", StringComparison.Ordinal) ||
                    property.Name.StartsWith("urn:auth:", StringComparison.Ordinal) || property.Name.Length == 0)
                {
                    problem = $"The claim '{property.Name}' is set by the server and cannot be given.";
                    return false;
                }

                claims.Add(property.Value.ValueKind switch
                {
                    JsonValueKind.String => new Claim(property.Name, property.Value.GetString()!),
                    JsonValueKind.True or JsonValueKind.False => new Claim(property.Name, property.Value.GetRawText(), ClaimValueTypes.Boolean),
                    JsonValueKind.Number => new Claim(property.Name, property.Value.GetRawText(),
                        property.Value.TryGetInt64(out _) ? ClaimValueTypes.Integer64 : ClaimValueTypes.Double),
                    JsonValueKind.Array => new Claim(property.Name, property.Value.GetRawText(), JsonClaimValueTypes.JsonArray),
                    _ => new Claim(property.Name, property.Value.GetRawText(), JsonClaimValueTypes.Json),
                });
            }
        }

        return true;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ForbidHttpResult Refuse(string error, string description) =>
        TypedResults.Forbid(
            authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme],
            properties: new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }));
}
