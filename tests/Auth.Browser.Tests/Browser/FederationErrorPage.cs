using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.Browser;

/// <summary>The server's one page for a federated sign-in that failed: a fixed sentence and a correlation id.</summary>
public sealed class FederationErrorPage(IPage page)
{
    public ILocator Message => page.GetByTestId("federation-error");

    public ILocator CorrelationId => page.GetByTestId("correlation-id");

    /// <summary>Waits until the page shows <paramref name="message"/> with a correlation id, at the server's <c>/signin/{id}</c> paths.</summary>
    public async Task WaitUntilShownAsync(Uri server, string message)
    {
        await page.WaitForAddressAsync(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
            uri.Authority == server.Authority && uri.AbsolutePath.StartsWith("/signin/", StringComparison.Ordinal));
        await Expect(Message).ToHaveTextAsync(message);
        await Expect(CorrelationId).Not.ToBeEmptyAsync();
    }
}
