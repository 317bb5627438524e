using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.Api.OpenApi;

/// <summary>
/// An operation's refusals beyond the 400, 401 and 403 every protected one has (<see cref="AccessRequirements"/>):
/// 404, 409, 412, 503, each with the one error body (<see cref="ServiceDescription.ErrorSchema"/>).
/// </summary>
public static class ErrorAnswers
{
    public static RouteHandlerBuilder WithErrorAnswers(this RouteHandlerBuilder builder, params (int Status, string Description)[] answers) =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            operation.Responses ??= [];
            foreach (var (status, description) in answers)
            {
                operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(ServiceDescription.ErrorSchema, context.Document) },
                    },
                });
            }

            return Task.CompletedTask;
        });

    public static (int, string) NotFound(string description = "No user has this id (not_found).") => (StatusCodes.Status404NotFound, description);

    public static (int, string) Conflict(string description) => (StatusCodes.Status409Conflict, description);

    public static (int, string) PreconditionFailed(string description) => (StatusCodes.Status412PreconditionFailed, description);

    public static (int, string) Unavailable(string description) => (StatusCodes.Status503ServiceUnavailable, description);
}
