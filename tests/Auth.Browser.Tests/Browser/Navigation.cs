using Microsoft.Playwright;

namespace Auth.Browser.Tests.Browser;

/// <summary>
/// Navigation waits that end when the new page is committed, not when its "load" event is seen. On a busy machine
/// Playwright can miss a load event that arrives while the new document is being committed, and then waits out its
/// whole timeout on a page that is already there (seen under CPU load: "NetworkIdle event fired", then a 30 s
/// timeout). Playwright's own URL wait does that too when the address already matches as it is called (it then waits
/// for the load state), so the address is watched here instead. Every caller follows with a web-first assertion on
/// what the page shows, which waits for the content.
/// </summary>
public static class Navigation
{
    /// <summary>As long as every other wait of these tests (Playwright's expect timeout).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static Task OpenAsync(this IPage page, string url) =>
        page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });

    /// <summary>Returns once the page's address (which Playwright updates as each navigation commits) satisfies <paramref name="url"/>.</summary>
    public static async Task WaitForAddressAsync(this IPage page, Func<string, bool> url)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!url(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The browser did not reach the address waited for within {Timeout.TotalSeconds} s; it is at {page.Url}.");
            }

            await Task.Delay(Poll);
        }
    }
}
