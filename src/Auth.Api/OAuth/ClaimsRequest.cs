using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.OAuth;

/// <summary>
/// The <c>claims</c> request parameter (OpenID Connect Core §5.5): the individual claims a client asks for in the
/// ID token and from userinfo, and an essential <c>acr</c> (§5.5.1.1). Only the claims this server holds count;
/// others are ignored, as §5.5 allows.
/// </summary>
public sealed record ClaimsRequest(IReadOnlySet<string> IdToken, IReadOnlySet<string> UserInfo, IReadOnlyList<string> EssentialAcrValues)
{
    public static readonly ClaimsRequest None = new(new HashSet<string>(), new HashSet<string>(), []);

    /// <summary>
    /// The user a client asks for by a <c>sub</c> with a <c>value</c> (§5.5.1: a positive answer only for that user's
    /// session, or one signed in by this request), or null.
    /// </summary>
    public string? Subject { get; init; }

    /// <summary>The claims a client may ask for one by one, and the scope that would otherwise carry each (null: always given).</summary>
    private static readonly Dictionary<string, string?> ScopeOfClaim = new(StringComparer.Ordinal)
    {
        [Claims.Subject] = null,
        [Claims.AuthenticationTime] = null,
        [Claims.AuthenticationContextReference] = null,
        [Claims.Name] = Scopes.Profile,
        [Claims.GivenName] = Scopes.Profile,
        [Claims.FamilyName] = Scopes.Profile,
        [Claims.PreferredUsername] = Scopes.Profile,
        [Claims.UpdatedAt] = Scopes.Profile,
        [Claims.Email] = Scopes.Email,
        [Claims.EmailVerified] = Scopes.Email,
    };

    private static readonly JsonDocumentOptions Limits = new() { MaxDepth = 8 };

    /// <summary>
    /// Reads the parameter of an authorization request: absent means <see cref="None"/>; false when it is not a JSON
    /// object of the §5.5 shape (the request is then invalid_request).
    /// </summary>
    public static bool TryRead(OpenIddictRequest request, out ClaimsRequest claims)
    {
        claims = None;
        var raw = (string?)request.GetParameter(Parameters.Claims);
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(raw, Limits);
            return TryRead(document.RootElement, out claims);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a name or string holding an escaped lone surrogate ("\ud800") parses, but
            // cannot be read as a .NET string.
            return false;
        }
    }

    /// <summary>
    /// What may be released: claims whose scope the client may ask for and, for a client its users consent to, whose
    /// scope is among those asked for (and so shown on the consent page). The claims parameter never widens consent.
    /// </summary>
    public ClaimsRequest LimitTo(Func<string, bool> mayReleaseScope) =>
        this with
        {
            IdToken = IdToken.Where(c => ScopeOfClaim[c] is not { } scope || mayReleaseScope(scope)).ToHashSet(StringComparer.Ordinal),
            UserInfo = UserInfo.Where(c => ScopeOfClaim[c] is not { } scope || mayReleaseScope(scope)).ToHashSet(StringComparer.Ordinal),
        };

    private static bool TryRead(JsonElement root, out ClaimsRequest claims)
    {
        claims = None;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var idToken = new HashSet<string>(StringComparer.Ordinal);
        var userInfo = new HashSet<string>(StringComparer.Ordinal);
        var essentialAcr = new List<string>();
        string? subject = null;
        foreach (var member in root.EnumerateObject())
        {
            // Other members belong to extensions this server does not implement.
            var target = member.Name switch { "id_token" => idToken, "userinfo" => userInfo, _ => null };
            if (target is null)
            {
                continue;
            }

            if (member.Value.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var claim in member.Value.EnumerateObject())
            {
                if (!IsWellFormed(claim.Value))
                {
                    return false;
                }

                if (!ScopeOfClaim.ContainsKey(claim.Name))
                {
                    continue;
                }

                target.Add(claim.Name);
                if (claim.Name == Claims.Subject && claim.Value.ValueKind == JsonValueKind.Object &&
                    claim.Value.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
                {
                    // Two different values can name no one user: such a request is answered for nobody.
                    subject = subject is null || subject == value.GetString() ? value.GetString() : string.Empty;
                }

                if (claim.Name == Claims.AuthenticationContextReference && target == idToken && IsEssential(claim.Value))
                {
                    essentialAcr.AddRange(Values(claim.Value));
                }
            }
        }

        claims = new ClaimsRequest(idToken, userInfo, essentialAcr) { Subject = subject };
        return true;
    }

    /// <summary>§5.5.1: null, or an object whose essential is a boolean and whose values is an array.</summary>
    private static bool IsWellFormed(JsonElement request) => request.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Object =>
            (!request.TryGetProperty("essential", out var essential) || essential.ValueKind is JsonValueKind.True or JsonValueKind.False) &&
            (!request.TryGetProperty("values", out var values) || values.ValueKind == JsonValueKind.Array),
        _ => false,
    };

    private static bool IsEssential(JsonElement request) =>
        request.ValueKind == JsonValueKind.Object && request.TryGetProperty("essential", out var essential) && essential.ValueKind == JsonValueKind.True;

    private static IEnumerable<string> Values(JsonElement request)
    {
        if (request.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
        {
            yield return value.GetString()!;
        }

        if (request.TryGetProperty("values", out var values))
        {
            foreach (var item in values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String))
            {
                yield return item.GetString()!;
            }
        }
    }
}
