using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Auth.Browser.Tests.Browser;

/// <summary>
/// The Content-Security-Policy violations Chromium reports on the console of the pages it watches ("Refused to
/// execute inline script because it violates the following Content Security Policy directive: …").
/// </summary>
public sealed class PolicyViolations
{
    private readonly ConcurrentQueue<string> _reported = new();

    public IReadOnlyCollection<string> Reported => _reported;

    public void Watch(IPage page) => page.Console += (_, message) =>
    {
        if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
        {
            _reported.Enqueue($"{message.Type} at {message.Location}: {message.Text}");
        }
    };
}
