using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.OAuth;

/// <summary>
/// A request object (OpenID Connect Core §6.1, RFC 9101): an authorization request's parameters as the claims of a JWT
/// the client sends in the <c>request</c> parameter. What this file holds is how the claims become parameters;
/// <see cref="Handlers.Authorization.ExpandRequestObjects"/> checks the JWT and puts them in place of the request's.
/// </summary>
public static class RequestObject
{
    /// <summary>OpenID Connect Core §3.1.2.6, RFC 9101 §6.2: the request object is invalid.</summary>
    public const string InvalidRequestObject = "invalid_request_object";

    /// <summary>RFC 9101 §10.8: the media type a request object is typed with (<c>typ</c>).</summary>
    public const string MediaType = "oauth-authz-req+jwt";

    /// <summary>The JWT's own claims (RFC 7519 §4.1): checked by the reader, never request parameters.</summary>
    public static readonly IReadOnlySet<string> JwtClaims = new HashSet<string>(StringComparer.Ordinal)
    {
        Claims.Issuer, Claims.Subject, Claims.Audience, Claims.ExpiresAt, Claims.NotBefore, Claims.IssuedAt, Claims.JwtId,
    };

    /// <summary>The JWT claims that are times: NumericDates (RFC 7519 §2), JSON numbers.</summary>
    private static readonly string[] TimeClaims = [Claims.ExpiresAt, Claims.NotBefore, Claims.IssuedAt];

    /// <summary>Parameters an object may not carry: another object, or the client's credentials (they travel beside it, one way).</summary>
    private static readonly HashSet<string> Refused = new(StringComparer.Ordinal)
    {
        OpenIddict.Abstractions.OpenIddictConstants.Parameters.Request, OpenIddict.Abstractions.OpenIddictConstants.Parameters.RequestUri,
        OpenIddict.Abstractions.OpenIddictConstants.Parameters.ClientSecret, OpenIddict.Abstractions.OpenIddictConstants.Parameters.ClientAssertion,
        OpenIddict.Abstractions.OpenIddictConstants.Parameters.ClientAssertionType,
    };

    /// <summary>The parameters that may hold several values (RFC 8707 resource, RFC 8693 audience); any other array is refused.</summary>
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal)
    {
        OpenIddict.Abstractions.OpenIddictConstants.Parameters.Resource, OpenIddict.Abstractions.OpenIddictConstants.Parameters.Audience,
    };

    private static readonly JsonDocumentOptions Limits = new() { MaxDepth = 16 };

    /// <summary>
    /// The request parameters a request object's payload (the decoded JSON) carries: a string as it is, a number or
    /// boolean as its JSON text, an object (<c>claims</c>) as its JSON, an array of strings as a repeated parameter
    /// (<c>resource</c>, <c>audience</c>); null members are left out. Null, with <paramref name="problem"/> saying why,
    /// when the payload is not a JSON object, another member is an array, a value is not valid text or holds U+0000,
    /// <c>exp</c>, <c>nbf</c> or <c>iat</c> is not a number, or it holds another <c>request</c> or <c>request_uri</c>
    /// (RFC 9101 §4) or the client's credentials.
    /// </summary>
    public static Dictionary<string, StringValues>? Parameters(string payload, out string? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, Limits);
        }
        catch (JsonException)
        {
            problem = "The request object's payload is not JSON.";
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "The request object's payload is not a JSON object.";
                return null;
            }

            var parameters = new Dictionary<string, StringValues>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (Refused.Contains(member.Name))
                {
                    problem = $"A request object must not hold a '{member.Name}' parameter.";
                    return null;
                }

                if (TimeClaims.Contains(member.Name, StringComparer.Ordinal) && member.Value.ValueKind != JsonValueKind.Number)
                {
                    problem = $"The request object's '{member.Name}' is not a NumericDate.";
                    return null;
                }

                if (JwtClaims.Contains(member.Name) || member.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                StringValues? value;
                try
                {
                    value = member.Value.ValueKind switch
                    {
                        JsonValueKind.String => member.Value.GetString(),
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Object => member.Value.GetRawText(),
                        JsonValueKind.Array when Repeatable.Contains(member.Name) && member.Value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
                            new StringValues([.. member.Value.EnumerateArray().Select(item => item.GetString())]),
                        _ => null,
                    };
                }
                catch (InvalidOperationException)
                {
                    // A string that is not valid UTF-16 (a lone surrogate escaped as \ud800).
                    problem = $"The request object's '{Cut(member.Name)}' is not valid text.";
                    return null;
                }

                if (value is not { } values)
                {
                    problem = $"The request object's '{Cut(member.Name)}' is neither a string, a number, a boolean nor an object (only resource and audience may be arrays of strings).";
                    return null;
                }

                if (values.Any(v => v is null || v.Contains('\0', StringComparison.Ordinal)) || member.Name.Contains('\0', StringComparison.Ordinal))
                {
                    problem = "A request object's parameter holds a NUL character.";
                    return null;
                }

                parameters[member.Name] = values;
            }

            problem = null;
            return parameters;
        }
    }

    /// <summary>The payload of a compact JWS as text, or null when it is not base64url-encoded UTF-8.</summary>
    public static string? DecodePayload(string encodedPayload)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(encodedPayload));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static string Cut(string name) => name.Length <= 40 ? name : name[..40];
}
