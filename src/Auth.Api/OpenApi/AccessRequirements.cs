using Auth.Api.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.Api.OpenApi;

/// <summary>
/// What a protected operation takes and how it refuses: the security requirement with the scopes its authorization
/// policy requires, read from the policy itself (its <see cref="ScopeRequirement"/>s) so the document says what is
/// enforced, and the 400, 401 and 403 answers with the error body (RFC 6750 §3.1).
/// </summary>
public sealed class AccessRequirements(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var authorizeData = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().ToList();
        if (authorizeData.Count == 0 || await AuthorizationPolicy.CombineAsync(policies, authorizeData) is not { } policy)
        {
            return;
        }

        // A requirement that also accepts a broader scope (the old admin scope) is one alternative more: OpenAPI's
        // security list is "any one of these".
        var requirements = policy.Requirements.OfType<ScopeRequirement>().ToList();
        var scopes = requirements.Select(r => r.Scope).Distinct(StringComparer.Ordinal).ToList();
        var broader = requirements.Select(r => r.OrScope).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ServiceDescription.SecurityScheme, context.Document)] = scopes },
            .. broader.Select(scope => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ServiceDescription.SecurityScheme, context.Document)] = [scope],
            }),
        ];

        operation.Responses ??= [];
        operation.Responses.TryAdd("400", Refusal(context, "The request is malformed: a parameter or the body is not valid (invalid_request)."));
        operation.Responses.TryAdd("401", Challenge(context));
        operation.Responses.TryAdd("403", Refusal(context,
            $"The access token lacks what this operation needs: the scope ({string.Join(", ", scopes)}), or another requirement the description names."));
    }

    private static OpenApiResponse Refusal(OpenApiOperationTransformerContext context, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["application/json"] = new() { Schema = new OpenApiSchemaReference(ServiceDescription.ErrorSchema, context.Document) },
        },
    };

    private static OpenApiResponse Challenge(OpenApiOperationTransformerContext context)
    {
        var response = Refusal(context, "No Bearer access token in the Authorization header, or one that is not valid (invalid_token).");
        response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
        {
            ["WWW-Authenticate"] = new OpenApiHeader
            {
                Description = "The Bearer challenge (RFC 6750 §3).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        return response;
    }
}
