using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// A browser without JavaScript: keeps cookies, follows nothing by itself, and submits the server's HTML forms,
/// so a test sees every redirect the real pipeline makes.
/// </summary>
public sealed partial class UserAgent : IDisposable
{
    private readonly HttpClient _http;

    public UserAgent(Uri baseAddress)
        : this(baseAddress, new CookieContainer())
    {
    }

    /// <summary>A browser that shares its cookies with another: the same person, talking to another node.</summary>
    public UserAgent(Uri baseAddress, CookieContainer cookies)
        : this(baseAddress, cookies, new HttpClientHandler())
    {
    }

    /// <summary>A browser that reaches the server through a TLS proxy serving the test's own certificate.</summary>
    public UserAgent(Uri baseAddress, TestCertificate proxyCertificate)
        : this(baseAddress, new CookieContainer(), proxyCertificate.CreateHandler())
    {
    }

    private UserAgent(Uri baseAddress, CookieContainer cookies, HttpClientHandler handler)
    {
        Cookies = cookies;
        handler.AllowAutoRedirect = false;
        handler.CookieContainer = cookies;
        handler.UseCookies = true;
        _http = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    /// <summary>Another browser holding copies of this one's cookies, as someone who stole them would, optionally talking to another node.</summary>
    public UserAgent Copy(Uri? baseAddress = null)
    {
        var copied = new CookieContainer();
        foreach (Cookie cookie in Cookies.GetAllCookies())
        {
            copied.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }

        return new UserAgent(baseAddress ?? _http.BaseAddress!, copied);
    }

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    /// <summary>Submits a page's form (its hidden fields, including the antiforgery token, plus the given fields).</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageHtml, string action, IDictionary<string, string> fields, string? button = null)
    {
        var form = HiddenFields(pageHtml);
        foreach (var field in fields)
        {
            form[field.Key] = field.Value;
        }

        if (button is not null)
        {
            var (name, value) = (button.Split('=')[0], button.Split('=')[1]);
            form[name] = value;
        }

        return await _http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Follows a redirect to the login page, signs in there, and returns the response to the sign-in POST.</summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpResponseMessage challenge, string userName, string password)
    {
        Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await challenge.Content.ReadAsStringAsync());
        var loginUrl = challenge.Headers.Location!.OriginalString;
        Assert.That(loginUrl, Does.StartWith("/account/login").Or.Contain("/account/login?"));
        using var page = await _http.GetAsync(loginUrl);
        var html = await page.Content.ReadAsStringAsync();
        return await SubmitFormAsync(html, loginUrl, new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
    }

    /// <summary>Follows local redirects until one leaves this server (or the chain ends), and returns that response.</summary>
    public async Task<HttpResponseMessage> FollowLocalRedirectsAsync(HttpResponseMessage response)
    {
        for (var hops = 0; hops < 10 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            var location = response.Headers.Location!;
            var absolute = location.IsAbsoluteUri ? location : new Uri(_http.BaseAddress!, location);
            if (absolute.Authority != _http.BaseAddress!.Authority)
            {
                return response;
            }

            response = await _http.GetAsync(absolute);
        }

        return response;
    }

    /// <summary>
    /// Opens <paramref name="start"/> and follows every redirect at this server and at <paramref name="upstreams"/> (the
    /// identity providers this browser signs in at), until a page or a redirect elsewhere (to a client), which it returns.
    /// </summary>
    public async Task<HttpResponseMessage> FollowThroughAsync(string start, params IEnumerable<Uri> upstreams)
    {
        var authorities = upstreams.Select(u => u.Authority).Append(_http.BaseAddress!.Authority).ToHashSet(StringComparer.Ordinal);
        var response = await _http.GetAsync(start);
        for (var hops = 0; hops < 15 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            var location = response.Headers.Location!;
            var absolute = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
            if (!authorities.Contains(absolute.Authority))
            {
                return response;
            }

            response.Dispose();
            response = await _http.GetAsync(absolute);
        }

        return response;
    }

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

    /// <summary>The path of a redirect, whether the server wrote it as a path (as it does for its own pages) or a URL.</summary>
    public static string PathOf(Uri location) => (location.IsAbsoluteUri ? location : new Uri(new Uri("http://this.server"), location)).AbsolutePath;

    /// <summary>The query parameters of a redirect to a client.</summary>
    public static Dictionary<string, string> QueryOf(Uri location) =>
        QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();

    [GeneratedRegex("(?<key>[a-zA-Z_:-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();
}
