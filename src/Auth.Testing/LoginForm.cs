using System.Net;
using System.Text.RegularExpressions;

namespace Auth.Testing;

/// <summary>
/// Signs in the way a browser without JavaScript does: opens <c>/account/login</c>, posts its form back with the
/// hidden fields (the antiforgery token among them), and keeps the cookies.
/// </summary>
internal static partial class LoginForm
{
    private const string Path = "account/login";

    public static async Task<HttpClient> SignInAsync(Uri issuer, string userName, string password, CancellationToken cancellationToken)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        var browser = new HttpClient(handler) { BaseAddress = issuer };
        try
        {
            using var page = await browser.GetAsync(Path, cancellationToken);
            var html = await page.Content.ReadAsStringAsync(cancellationToken);
            if (page.StatusCode != HttpStatusCode.OK)
            {
                throw new AuthTestServerException("The login page did not open", page.StatusCode, html);
            }

            var form = HiddenFields(html);
            form["UserName"] = userName;
            form["Password"] = password;
            using var answer = await browser.PostAsync(Path, new FormUrlEncodedContent(form), cancellationToken);
            var location = answer.Headers.Location?.OriginalString;
            if (answer.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther) || location is null)
            {
                throw new AuthTestServerException($"The sign-in of '{userName}' was refused", answer.StatusCode, await answer.Content.ReadAsStringAsync(cancellationToken));
            }

            if (location.Contains("/account/mfa", StringComparison.Ordinal))
            {
                throw new AuthTestServerException($"The sign-in of '{userName}' asks for a second factor ({location}), which SignInAsync does not give");
            }

            return browser;
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    private static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Input().Matches(html))
        {
            var attributes = Attribute().Matches(input.Value)
                .GroupBy(a => a.Groups["key"].Value, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value), StringComparer.OrdinalIgnoreCase);
            if (attributes.GetValueOrDefault("type") == "hidden" && attributes.TryGetValue("name", out var name))
            {
                fields[name] = attributes.GetValueOrDefault("value") ?? string.Empty;
            }
        }

        return fields;
    }

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();

    [GeneratedRegex("(?<key>[a-zA-Z_:-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();
}
