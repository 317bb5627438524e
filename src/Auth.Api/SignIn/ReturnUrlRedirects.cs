using Microsoft.AspNetCore.Authentication.Cookies;

namespace Auth.Api.SignIn;

/// <summary>
/// A cookie handler that signs someone in on its login path redirects by itself to the raw ReturnUrl of the query
/// string, before the page sends its own, checked and escaped, redirect (<see cref="ReturnUrls"/>). A return URL with
/// a non-ASCII character made that first redirect throw while writing Location, after the password was accepted and
/// before the session cookie went out. The pages decide where the user goes next, so every cookie scheme leaves it to them.
/// </summary>
public static class ReturnUrlRedirects
{
    public static IServiceCollection LeaveReturnUrlsToThePages(this IServiceCollection services) =>
        services.PostConfigureAll<CookieAuthenticationOptions>(options => options.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask);
}
