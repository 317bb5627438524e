using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Auth.Api.RateLimiting;

/// <summary>
/// The client_id a token request claims, before OpenIddict authenticates it: from HTTP Basic credentials
/// (RFC 6749 §2.3.1, form-encoded inside the Base64) or else the form's client_id.
/// </summary>
public static class TokenEndpointClient
{
    /// <summary>Longer ids are no client's: they get no bucket of their own (the per-IP bucket still applies).</summary>
    private const int MaxIdLength = 200;

    public static async ValueTask<string?> FindIdAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) &&
            string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return FromBasic(header.Parameter);
        }

        if (!request.HasFormContentType)
        {
            return null;
        }

        // The form reader caches what it reads, so OpenIddict later reads the same form without touching the body.
        var form = await request.ReadFormAsync(cancellationToken);
        return form["client_id"] is { Count: 1 } values ? Bounded(values[0]) : null;
    }

    private static string? FromBasic(string? parameter)
    {
        var decoded = new byte[((parameter?.Length ?? 0) * 3 / 4) + 3];
        if (parameter is null || !Convert.TryFromBase64String(parameter, decoded, out var length))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(decoded, 0, length);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : Bounded(WebUtility.UrlDecode(credentials[..colon]));
    }

    private static string? Bounded(string? clientId) =>
        string.IsNullOrEmpty(clientId) || clientId.Length > MaxIdLength ? null : clientId;
}
