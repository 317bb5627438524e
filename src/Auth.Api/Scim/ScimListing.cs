using System.Globalization;
using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Application.Scim;
using Mediator;

namespace Auth.Api.Scim;

/// <summary>Listing and searching (RFC 7644 §3.4.2, §3.4.3): paging, filter, sort, and attribute selection.</summary>
public static class ScimListing
{
    public const int DefaultCount = 20;
    public const int MaxResults = 200;

    /// <param name="Listing">What the listing asks the database for.</param>
    /// <param name="Invalid">Why the parameters cannot be used, or null.</param>
    public sealed record Parameters(ScimListParameters Listing, string? Attributes, string? ExcludedAttributes, string? Invalid);

    /// <summary>GET /{type} with query parameters, and POST /{type}/.search with the same in its body (RFC 7644 §3.4.3).</summary>
    public static RouteGroupBuilder MapScimListing(this RouteGroupBuilder scim, string path, Func<ScimExchange, Parameters, Task<IResult>> list)
    {
        scim.MapGet(path, ([AsParameters] ScimExchange exchange) => list(exchange, FromQuery(exchange.Http.Request.Query)));
        scim.MapPost(path + "/.search", ([AsParameters] ScimExchange exchange) => exchange.WithBodyAsync(body => list(exchange, FromSearchRequest(body))));
        return scim;
    }

    public static Parameters FromQuery(IQueryCollection query) => Create(
        query["filter"].ToString(), query["startIndex"].ToString(), query["count"].ToString(), query["sortBy"].ToString(),
        query["sortOrder"].ToString(), query["attributes"].ToString(), query["excludedAttributes"].ToString());

    public static Parameters FromSearchRequest(JsonObject body) => Create(
        Text(body, "filter"), Text(body, "startIndex"), Text(body, "count"), Text(body, "sortBy"), Text(body, "sortOrder"),
        List(body, "attributes"), List(body, "excludedAttributes"));

    /// <summary>One page of resources, or the error: the parameters' own, then the listing's (an unsupported filter or sortBy).</summary>
    public static async Task<IResult> ListAsync<TView>(
        ScimExchange exchange, IQuery<Result<ScimPage<TView>>> query, Parameters parameters, Func<HttpContext, TView, ScimResource> show)
    {
        if (parameters.Invalid is { } invalid)
        {
            return ScimResponses.Error(StatusCodes.Status400BadRequest, invalid, "invalidValue");
        }

        var result = await exchange.Sender.Send(query, exchange.Aborted);
        return result.Succeeded
            ? ListResponse(result.Value, view => show(exchange.Http, view).Document(), parameters)
            : ScimResponses.Error(result.Error);
    }

    /// <summary>A ListResponse (RFC 7644 §3.4.2) of one page, each resource trimmed to the attributes asked for.</summary>
    private static IResult ListResponse<T>(ScimPage<T> page, Func<T, JsonObject> document, Parameters parameters) =>
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
        // An integer beyond Int32 is still an integer: it saturates (a page far past the end, or count capped) rather than being refused.
        var start = 1;
        if (!string.IsNullOrEmpty(startIndex) && !TryParseSaturating(startIndex, out start))
        {
            invalid = "startIndex must be an integer.";
        }

        var size = DefaultCount;
        if (!string.IsNullOrEmpty(count) && !TryParseSaturating(count, out size))
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
            new ScimListParameters(
                string.IsNullOrWhiteSpace(filter) ? null : filter,
                Math.Max(start, 1),
                Math.Clamp(size, 0, MaxResults),
                string.IsNullOrWhiteSpace(sortBy) ? null : sortBy,
                descending),
            string.IsNullOrWhiteSpace(attributes) ? null : attributes,
            string.IsNullOrWhiteSpace(excluded) ? null : excluded,
            invalid);
    }

    /// <summary>An optionally signed run of ASCII digits, clamped to Int32's range; false for anything else.</summary>
    private static bool TryParseSaturating(string text, out int value)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var digits = text.AsSpan(text[0] is '+' or '-' ? 1 : 0);
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        value = text[0] == '-' ? int.MinValue : int.MaxValue;
        return true;
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
