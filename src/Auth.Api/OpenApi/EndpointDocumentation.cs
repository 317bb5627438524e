using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.Api.OpenApi;

/// <summary>
/// Describes in the OpenAPI document what an endpoint reads by hand (its query, its JSON body). Only the document
/// changes: unlike <c>Accepts</c>, nothing here takes part in routing, so the endpoint answers as before.
/// </summary>
public static class EndpointDocumentation
{
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, params QueryParameter[] parameters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters = [.. operation.Parameters ?? [], .. parameters.Select(p => p.ToOpenApi())];
            return Task.CompletedTask;
        });

    /// <summary>A JSON request body of <typeparamref name="TBody"/>'s shape.</summary>
    public static RouteHandlerBuilder WithJsonBody<TBody>(this RouteHandlerBuilder builder, bool required) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(TBody), cancellationToken: cancellationToken) },
                },
            };
        });
}
