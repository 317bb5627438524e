using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Bench;

/// <summary>
/// One virtual user: a cookie jar that signs in through the login form (antiforgery token included) and runs the
/// authorization code + PKCE flow of the public client the bench registers. Redirects are never followed by itself.
/// </summary>
internal sealed partial class Browser : IDisposable
{
    public const string ClientId = "bench-web";
    public const string RedirectUri = "http://127.0.0.1:9/callback";

    private readonly HttpClient _http;

    public Browser(Uri baseAddress)
    {
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = baseAddress,
        };
    }

    /// <summary>A client with no cookies of its own, for the sign-in scenario (cookies are carried by hand).</summary>
    public static HttpClient Cookieless(Uri baseAddress) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };

    /// <summary>Signs in through /account/login, as a browser sent there by /oauth/authorize would.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        var (_, challenge) = Pkce();
        using var authorize = await _http.GetAsync(AuthorizeUrl(challenge, "openid"));
        var login = authorize.Headers.Location ?? throw new InvalidOperationException($"authorize answered {(int)authorize.StatusCode} without a redirect");
        using var page = await _http.GetAsync(login);
        var html = await page.Content.ReadAsStringAsync();
        var form = HiddenFields(html);
        form["UserName"] = userName;
        form["Password"] = password;
        using var content = new FormUrlEncodedContent(form);
        using var signedIn = await _http.PostAsync(login, content);
        if (signedIn.StatusCode != HttpStatusCode.Redirect && signedIn.StatusCode != HttpStatusCode.Found)
        {
            throw new InvalidOperationException($"sign-in of {userName} answered {(int)signedIn.StatusCode}");
        }
    }

    /// <summary>authorize → code → token for the signed-in user; returns the access token.</summary>
    public async Task<string> AuthorizationCodeFlowAsync(string scope = "openid")
    {
        var (verifier, challenge) = Pkce();
        using var authorize = await _http.GetAsync(AuthorizeUrl(challenge, scope));
        var location = authorize.Headers.Location;
        if (location is null || !location.IsAbsoluteUri || !location.AbsoluteUri.StartsWith(RedirectUri, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"authorize answered {(int)authorize.StatusCode} {location}");
        }

        var code = QueryHelpers.ParseQuery(location.Query)["code"].ToString();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = ClientId,
            ["code_verifier"] = verifier,
        });
        using var token = await _http.PostAsync(new Uri("/oauth/token", UriKind.Relative), form);
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        return token.IsSuccessStatusCode
            ? body.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"token answered {(int)token.StatusCode}: {body}");
    }

    public HttpClient Http => _http;

    public void Dispose() => _http.Dispose();

    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Input().Matches(html))
        {
            var attributes = Attribute().Matches(input.Value).ToDictionary(a => a.Groups["key"].Value, a => WebUtility.HtmlDecode(a.Groups["value"].Value));
            if (attributes.GetValueOrDefault("type") == "hidden" && attributes.TryGetValue("name", out var name))
            {
                fields[name] = attributes.GetValueOrDefault("value") ?? string.Empty;
            }
        }

        return fields;
    }

    private static Uri AuthorizeUrl(string challenge, string scope) => new(QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
    {
        ["client_id"] = ClientId,
        ["response_type"] = "code",
        ["redirect_uri"] = RedirectUri,
        ["scope"] = scope,
        ["state"] = Guid.NewGuid().ToString("N"),
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
    }), UriKind.Relative);

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (verifier, WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();

    [GeneratedRegex("(?<key>[a-zA-Z_:-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();
}
