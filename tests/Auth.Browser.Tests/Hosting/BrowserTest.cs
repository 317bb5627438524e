using Auth.Api.Tests.Hosting;
using Auth.Application.Users;
using Auth.Browser.Tests.Browser;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Auth.Browser.Tests.Hosting;

/// <summary>
/// One server (per store kind, as every functional test), one seed naming this fixture's loopback ports, and one
/// Chromium per fixture; each test gets a fresh browser profile, so no session leaks from one test to the next.
/// </summary>
public abstract class BrowserTest(StoreKind storeKind) : ServerTest(storeKind)
{
    private string? _seedDirectory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;

    protected BrowserSeed Seed { get; } = new();

    protected IBrowser Chromium => _browser ?? throw new InvalidOperationException("Chromium is not running.");

    /// <summary>This test's page, in a profile of its own.</summary>
    protected IPage Page => _page ?? throw new InvalidOperationException("No page before the test starts.");

    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?>
        {
            ["Seed:File"] = Seed.WriteTo(_seedDirectory ??= Directory.CreateTempSubdirectory("auth-browser-seed-").FullName),
        };

    [OneTimeSetUp]
    public async Task StartChromium() => (_playwright, _browser) = await DebianChromium.LaunchAsync();

    [OneTimeTearDown]
    public async Task StopChromium()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_seedDirectory is not null)
        {
            Directory.Delete(_seedDirectory, recursive: true);
        }
    }

    [SetUp]
    public async Task OpenPage() => _page = await DebianChromium.NewPageAsync(Chromium);

    [TearDown]
    public async Task ClosePage()
    {
        if (_page is not null)
        {
            if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            {
                await KeepWhatTheBrowserShowedAsync(_page);
            }

            await _page.Context.DisposeAsync();
            _page = null;
        }
    }

    protected LoginPage LoginPage => new(Page);

    /// <summary>When a test fails, where the browser was and what it showed, so the failure can be read without rerunning.</summary>
    private static async Task KeepWhatTheBrowserShowedAsync(IPage page)
    {
        var test = TestContext.CurrentContext.Test;
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", $"failed-{test.ID}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await TestContext.Out.WriteLineAsync($"The browser was at {page.Url}");
        try
        {
            await page.ScreenshotAsync(new() { Path = file, FullPage = true });
            TestContext.AddTestAttachment(file, "What the browser showed when the test failed");
        }
        catch (PlaywrightException ex)
        {
            // The failure itself may have taken the page down; the test's own error says more than this one.
            await TestContext.Out.WriteLineAsync($"No screenshot: {ex.Message}");
        }
    }

    /// <summary>Replaces this test's page with one in a fresh profile made with other options.</summary>
    protected async Task<IPage> ReopenPageAsync(BrowserNewContextOptions options)
    {
        await ClosePage();
        return _page = await DebianChromium.NewPageAsync(Chromium, options);
    }

    /// <summary>
    /// A user of this test's own (named <paramref name="prefix"/> and a random part), so what the test does to it (an
    /// authenticator, a new password) touches no other test's sign-in.
    /// </summary>
    protected async Task<string> CreateUserAsync(string prefix, string password, bool emailVerified = false)
    {
        var userName = prefix + "-" + Guid.NewGuid().ToString("N")[..10];
        using var scope = Server.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterUser(new UserDefinition
        {
            UserName = userName,
            Password = password,
            DisplayName = char.ToUpperInvariant(prefix[0]) + prefix[1..] + " " + userName,
            Email = userName + "@example.com",
            EmailVerified = emailVerified,
        }));
        Assert.That(result.Succeeded, Is.True, result.Error?.Description);
        return userName;
    }

    /// <summary>A name for files this test leaves behind, unique per store kind.</summary>
    protected string ArtifactName(string what) => $"{what}-{StoreKind}".ToLowerInvariant();
}
