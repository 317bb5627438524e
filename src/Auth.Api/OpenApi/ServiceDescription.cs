using Auth.Api.Authorization;
using Auth.Api.Errors;
using Auth.Api.OAuth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Auth.Api.OpenApi;

/// <summary>
/// What the document says about the service as a whole: its title and version, the issuer as its one server (never
/// the request's Host, so every request gets the same document), the OAuth 2.0 security scheme with the scopes of
/// <see cref="ApiScopes"/>, and the error body the operations' refusals share.
/// </summary>
public sealed class ServiceDescription(IOptions<OAuthOptions> oauth) : IOpenApiDocumentTransformer
{
    /// <summary>The security scheme every protected operation names.</summary>
    public const string SecurityScheme = "oauth2";

    /// <summary>The schema of <see cref="ErrorBody"/> under components.</summary>
    public const string ErrorSchema = "Error";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var issuer = oauth.Value.Issuer;
        document.Info = new OpenApiInfo
        {
            Title = "Auth service API",
            Version = ServiceVersion.Current,
            Description = "Administration, the MFA API and health of the identity service. Tokens come from the token endpoint: " +
                          "client_credentials with an admin scope for /admin, a signed-in user's token with the mfa scope for /mfa.",
        };
        document.Servers = [new OpenApiServer { Url = issuer.AbsoluteUri.TrimEnd('/') }];
        document.AddComponent<IOpenApiSecurityScheme>(SecurityScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Bearer access tokens from this service, in the Authorization header only (RFC 6750 §2.1).",
            Flows = new OpenApiOAuthFlows
            {
                // RFC 6749 §4.4: a client's own token, for automation.
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = Routes.UnderIssuer(issuer, Routes.Token),
                    Scopes = Scopes(signedInUser: false),
                },

                // RFC 6749 §4.1 with PKCE (RFC 7636): a signed-in user's token, for the MFA API.
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = Routes.UnderIssuer(issuer, Routes.Authorize),
                    TokenUrl = Routes.UnderIssuer(issuer, Routes.Token),
                    Scopes = Scopes(signedInUser: true),
                },
            },
        });

        var error = await context.GetOrCreateSchemaAsync(typeof(ErrorBody), cancellationToken: cancellationToken);
        error.Description = "The error body outside SCIM (RFC 6749 §5.2; RFC 6750 §3.1 for refused tokens): " +
                            "an error code such as invalid_request, invalid_token, insufficient_scope or access_denied, " +
                            "and a description in printable ASCII.";
        error.Required = new HashSet<string>(StringComparer.Ordinal) { "error", "error_description" };
        document.AddComponent<IOpenApiSchema>(ErrorSchema, error);

        // The tags operations carry (OperationNames), in place of the framework's defaults (the assembly's name).
        document.Tags = document.Paths.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => new OpenApiTag { Name = name }).ToHashSet();
    }

    private static Dictionary<string, string> Scopes(bool signedInUser) =>
        ApiScopes.All.Where(s => s.SignedInUser == signedInUser).ToDictionary(s => s.Name, s => s.Description, StringComparer.Ordinal);
}
