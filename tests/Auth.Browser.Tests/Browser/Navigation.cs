using Microsoft.Playwright;

namespace Auth.Browser.Tests.Browser;

/// <summary>
/// Navigation waits that end when the new page is committed, not when its "load" event is seen. On a busy machine
/// Playwright can miss a load event that arrives while the new document is being committed, and then waits out its
/// whole timeout on a page that is already there (seen under CPU load: "NetworkIdle event fired", then a 30 s
/// timeout). Every caller follows with a web-first assertion on what the page shows, which waits for the content.
/// </summary>
public static class Navigation
{
    public static Task OpenAsync(this IPage page, string url) =>
        page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });

    public static Task WaitForAddressAsync(this IPage page, Func<string, bool> url) =>
        page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
}
