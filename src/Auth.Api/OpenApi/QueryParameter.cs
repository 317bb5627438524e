using Microsoft.OpenApi;

namespace Auth.Api.OpenApi;

/// <summary>A query parameter an endpoint reads itself (rather than through binding), as the document describes it.</summary>
public sealed record QueryParameter(string Name, string Description, JsonSchemaType Type = JsonSchemaType.String, string? Format = null)
{
    public OpenApiParameter ToOpenApi() => new()
    {
        Name = Name,
        In = ParameterLocation.Query,
        Description = Description,
        Schema = new OpenApiSchema { Type = Type, Format = Format },
    };
}
