using System.Globalization;
using System.Text.Json.Nodes;
using Auth.Api.OAuth;
using Auth.Application.Scim;
using Auth.Application.Scim.Users;
using Mediator;
using Microsoft.Extensions.Options;

namespace Auth.Api.Scim;

/// <summary>Listing and searching (RFC 7644 §3.4.2, §3.4.3): paging, filter, sort, and attribute selection.</summary>
public static class ScimListing
{
    public const int DefaultCount = 20;
    public const int MaxResults = 200;

    public sealed record Parameters(string? Filter, int StartIndex, int Count, string? SortBy, bool Descending, string? Attributes, string? ExcludedAttributes, string? Invalid);

    public static Parameters FromQuery(IQueryCollection query) => Create(
        query["filter"].ToString(), query["startIndex"].ToString(), query["count"].ToString(), query["sortBy"].ToString(),
        query["sortOrder"].ToString(), query["attributes"].ToString(), query["excludedAttributes"].ToString());

    public static Parameters FromSearchRequest(JsonObject body) => Create(
        Text(body, "filter"), Text(body, "startIndex"), Text(body, "count"), Text(body, "sortBy"), Text(body, "sortOrder"),
        List(body, "attributes"), List(body, "excludedAttributes"));

    public static string Location(HttpContext http, string resource, string id)
    {
        var issuer = http.RequestServices.GetRequiredService<IOptions<OAuthOptions>>().Value.Issuer;
        return new Uri(issuer, $"{Routes.RelativeToIssuer(Routes.ScimV2)}/{resource}/{Uri.EscapeDataString(id)}").AbsoluteUri;
    }

    public static async Task<IResult> ListUsersAsync(HttpContext http, ISender sender, Parameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.Invalid is { } invalid)
        {
            return ScimResponses.Error(StatusCodes.Status400BadRequest, invalid, "invalidValue");
        }

        var result = await sender.Send(new ListScimUsers(parameters.Filter, parameters.StartIndex, parameters.Count, parameters.SortBy, parameters.Descending), cancellationToken);
        if (!result.Succeeded)
        {
            return ScimResponses.Error(result.Error);
        }

        return ListResponse(result.Value, view => ScimUserEndpoints.Document(http, view), parameters);
    }

    /// <summary>A ListResponse (RFC 7644 §3.4.2) of one page, each resource trimmed to the attributes asked for.</summary>
    public static IResult ListResponse<T>(ScimPage<T> page, Func<T, JsonObject> document, Parameters parameters) =>
        ScimResponses.Resource(new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
            ["totalResults"] = page.TotalResults,
            ["itemsPerPage"] = page.Items.Count,
            ["startIndex"] = page.StartIndex,
            ["Resources"] = new JsonArray([.. page.Items.Select(item => (JsonNode)ScimAttributeSelection.Apply(document(item), parameters.Attributes, parameters.ExcludedAttributes))]),
        });

    private static Parameters Create(string? filter, string? startIndex, string? count, string? sortBy, string? sortOrder, string? attributes, string? excluded)
    {
        string? invalid = null;

        // RFC 7644 §3.4.2.4: startIndex below 1 is 1, a negative count is 0; count is capped at maxResults.
        var start = 1;
        if (!string.IsNullOrEmpty(startIndex) && !int.TryParse(startIndex, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out start))
        {
            invalid = "startIndex must be an integer.";
        }

        var size = DefaultCount;
        if (!string.IsNullOrEmpty(count) && !int.TryParse(count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size))
        {
            invalid = "count must be an integer.";
        }

        var descending = false;
        if (!string.IsNullOrEmpty(sortOrder))
        {
            descending = sortOrder.Equals("descending", StringComparison.OrdinalIgnoreCase);
            if (!descending && !sortOrder.Equals("ascending", StringComparison.OrdinalIgnoreCase))
            {
                invalid = "sortOrder is ascending or descending.";
            }
        }

        return new Parameters(
            string.IsNullOrWhiteSpace(filter) ? null : filter,
            Math.Max(start, 1),
            Math.Clamp(size, 0, MaxResults),
            string.IsNullOrWhiteSpace(sortBy) ? null : sortBy,
            descending,
            string.IsNullOrWhiteSpace(attributes) ? null : attributes,
            string.IsNullOrWhiteSpace(excluded) ? null : excluded,
            invalid);
    }

    private static string? Text(JsonObject body, string name) => body.Get(name) switch
    {
        JsonValue value => value.ToString(),
        _ => null,
    };

    private static string? List(JsonObject body, string name) => body.Get(name) switch
    {
        JsonArray array => string.Join(',', array.Select(a => a?.ToString())),
        JsonValue value => value.ToString(),
        _ => null,
    };
}
