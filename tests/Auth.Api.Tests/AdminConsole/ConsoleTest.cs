using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Users;
using Auth.Domain.Audit;
using Auth.Domain.Users;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>
/// What the admin console's tests share: an administrator with an authenticator who enters the console through the
/// real sign-in pages (password, then code) with a cookie-keeping client, and the audit log as stored.
/// </summary>
public abstract class ConsoleTest(StoreKind store) : UserFlowTest(store)
{
    /// <summary>A new administrator (or <paramref name="user"/> made one) with an authenticator, in the console at its dashboard.</summary>
    protected async Task<Administrator> EnterConsoleAsync(string? user = null)
    {
        user ??= await CreateUserAsync();
        await SetAdministratorAsync(user, held: true);
        var secret = await Authenticator.EnrolAsync(Server, user);
        var browser = NewBrowser();
        using var challenge = await browser.GetAsync("/admin");
        Assert.That(challenge.Headers.Location?.OriginalString, Is.EqualTo("/admin/sign-in?ReturnUrl=%2Fadmin"));
        using var toLogin = await browser.GetAsync(challenge.Headers.Location!.OriginalString);
        using var askedForCode = await browser.SignInAsync(toLogin, user, Password);
        using var page = await Authenticator.GiveCodeAsync(browser, askedForCode, Server, secret);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), await page.Content.ReadAsStringAsync());
        Assert.That(page.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/admin"));
        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        return new Administrator(browser, user, await StoredSessions.UserIdAsync(Server, user), secret, await page.Content.ReadAsStringAsync());
    }

    protected async Task SetAdministratorAsync(string user, bool held)
    {
        using var scope = Server.Services.CreateScope();
        var changed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SetUserRole(user, UserRoles.Administrator, held));
        Assert.That(changed.Succeeded, Is.True, changed.Error?.Description);
    }

    /// <summary>Opens a console page and returns its HTML, asserting it answered 200.</summary>
    protected static async Task<string> PageAsync(UserAgent browser, string path)
    {
        using var page = await browser.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), path + " → " + page.Headers.Location + ": " + html);
        return html;
    }

    protected async Task<List<AuditEntry>> AuditedAsync(string eventType, string? subjectId = null)
    {
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EventType == eventType && (subjectId == null || e.SubjectId == subjectId)).ToListAsync();
    }

    public sealed record Administrator(UserAgent Browser, string UserName, string UserId, string Secret, string DashboardHtml) : IDisposable
    {
        public void Dispose() => Browser.Dispose();
    }
}
