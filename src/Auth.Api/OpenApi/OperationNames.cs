using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.Api.OpenApi;

/// <summary>
/// Names every operation by rule, so a route added later is named like the others without a line of its own: its
/// operationId is the method and the path (<c>GET /admin/audit</c> is <c>getAdminAudit</c>, a route parameter
/// <c>{id}</c> reads <c>ById</c>) unless the endpoint has a name of its own (<c>WithName</c>), and its tag is the area
/// it belongs to (the first path segment after <c>/admin</c> and a version, so <c>/admin/v1/clients</c> is
/// <c>clients</c>).
/// </summary>
public sealed partial class OperationNames : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var segments = Segments(context.Description);
        operation.OperationId ??= OperationId(context.Description.HttpMethod ?? "get", segments);
        operation.Tags = new HashSet<OpenApiTagReference> { new(Area(segments), context.Document) };
        return Task.CompletedTask;
    }

    private static string[] Segments(ApiDescription description) =>
        (description.RelativePath ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string OperationId(string method, IEnumerable<string> segments)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in segments)
        {
            var parameter = RouteParameter().Match(segment);
            id.Append(parameter.Success ? "By" + Pascal(parameter.Groups["name"].Value) : Pascal(segment));
        }

        return id.ToString();
    }

    private static string Area(string[] segments) =>
        segments.SkipWhile(s => s.Equals(Routes.Admin.TrimStart('/'), StringComparison.OrdinalIgnoreCase) || Version().IsMatch(s))
            .FirstOrDefault() ?? segments.FirstOrDefault() ?? "service";

    /// <summary>client-secrets and client_secrets are ClientSecrets.</summary>
    private static string Pascal(string words) => string.Concat(
        words.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));

    [GeneratedRegex("^{(?<name>[^}:?=*]+)")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("^v[0-9]+$", RegexOptions.IgnoreCase)]
    private static partial Regex Version();
}
