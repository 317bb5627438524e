using System.Net;
using System.Text.RegularExpressions;

namespace Auth.Api.Tests.Hosting.Upstream;

/// <summary>
/// A browser without JavaScript on the upstream's side of a sign-in, over plain HTTP: follows redirects across the
/// service and the upstream (one cookie container serves both: cookies are per host, not per port, and their names do
/// not collide) and fills the upstream's sign-in form. Give it a <see cref="UserAgent"/>'s client, which follows nothing by itself.
/// </summary>
public static partial class UpstreamSignIn
{
    private const int MaxHops = 20;

    /// <summary>
    /// GETs <paramref name="start"/> and follows redirects until one points under <paramref name="until"/> (a
    /// client's redirect URI, say) and returns that location without visiting it; fails when the chain ends before.
    /// </summary>
    public static async Task<Uri> FollowUntilAsync(HttpClient http, Uri start, Uri until)
    {
        var next = start;
        for (var hop = 0; hop < MaxHops; hop++)
        {
            using var response = await http.GetAsync(next);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect))
            {
                Assert.Fail($"The redirects from {start} ended at {next} with {(int)response.StatusCode} before reaching {until}: {await response.Content.ReadAsStringAsync()}");
            }

            next = new Uri(next, response.Headers.Location!);
            if (next.AbsoluteUri.StartsWith(until.AbsoluteUri, StringComparison.Ordinal))
            {
                return next;
            }
        }

        Assert.Fail($"More than {MaxHops} redirects from {start} without reaching {until}.");
        return next;
    }

    /// <summary>
    /// GETs <paramref name="start"/> and follows redirects to the upstream's sign-in page (when no sign-in was
    /// scripted), and returns its address and HTML.
    /// </summary>
    public static async Task<(Uri Address, string Html)> OpenSignInPageAsync(HttpClient http, Uri start)
    {
        var next = start;
        for (var hop = 0; hop < MaxHops; hop++)
        {
            using var response = await http.GetAsync(next);
            if (response.StatusCode == HttpStatusCode.OK && next.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal))
            {
                return (next, await response.Content.ReadAsStringAsync());
            }

            Assert.That(response.Headers.Location, Is.Not.Null, $"{next} answered {(int)response.StatusCode} on the way to the upstream's sign-in page: {await response.Content.ReadAsStringAsync()}");
            next = new Uri(next, response.Headers.Location!);
        }

        Assert.Fail($"More than {MaxHops} redirects from {start} without reaching the upstream's sign-in page.");
        return default;
    }

    /// <summary>The login the page has prefilled (from <c>login_hint</c>), or empty.</summary>
    public static string PrefilledLogin(string signInPageHtml) => WebUtility.HtmlDecode(LoginValue().Match(signInPageHtml).Groups["value"].Value);

    /// <summary>Signs in on the upstream's page as a person would: types the login, ticks the second-factor box or not.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient http, Uri signInPage, string login, bool secondFactor = false)
    {
        var form = new Dictionary<string, string> { ["login"] = login };
        if (secondFactor)
        {
            form["mfa"] = "1";
        }

        return http.PostAsync(new Uri(signInPage, $"{signInPage.AbsolutePath}/login"), new FormUrlEncodedContent(form));
    }

    /// <summary>The page's Cancel button: the upstream answers the client with <c>access_denied</c>.</summary>
    public static Task<HttpResponseMessage> CancelAsync(HttpClient http, Uri signInPage) =>
        http.PostAsync(new Uri(signInPage, $"{signInPage.AbsolutePath}/abort"), new FormUrlEncodedContent([]));

    /// <summary>
    /// RP-initiated logout at the upstream (OpenID Connect RP-Initiated Logout 1.0): opens <paramref name="endSession"/>,
    /// confirms on its page, and returns the upstream's answer (a redirect to the post-logout redirect URI, or its own page).
    /// </summary>
    public static async Task<HttpResponseMessage> LogOutAsync(HttpClient http, Uri endSession)
    {
        using var page = await http.GetAsync(endSession);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        var action = LogoutFormAction().Match(html);
        Assert.That(action.Success, Is.True, $"no logout form on the upstream's page: {html}");
        var form = UserAgent.HiddenFields(html);
        form["logout"] = "yes";
        return await http.PostAsync(new Uri(WebUtility.HtmlDecode(action.Groups["action"].Value)), new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"login\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex LoginValue();

    [GeneratedRegex("<form id=\"op.logoutForm\"[^>]*action=\"(?<action>[^\"]+)\"")]
    private static partial Regex LogoutFormAction();
}
