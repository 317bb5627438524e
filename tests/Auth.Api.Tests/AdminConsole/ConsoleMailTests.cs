using System.Net;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>
/// The console's user page e-mails a one-time set-password link when <c>Smtp:*</c> is configured (issue #17): the mail
/// reaches the user's own address through a real SMTP server (<see cref="TestSmtpSink"/>), the page never shows the
/// link, and the mailed link sets a password.
/// </summary>
public sealed partial class ConsoleMailTests(StoreKind store) : ConsoleTest(store)
{
    protected override IDictionary<string, string?> Settings => TestSmtpSink.Shared.Settings();

    [Test]
    public async Task An_administrator_e_mails_a_set_password_link_that_the_page_never_shows()
    {
        using var admin = await EnterConsoleAsync();
        var user = await CreateUserAsync();
        var userId = await StoredSessions.UserIdAsync(Server, user);
        var page = await PageAsync(admin.Browser, "/admin/users/" + userId);

        using var sent = await admin.Browser.SubmitFormAsync(page, $"/admin/users/{userId}?handler=SendPasswordLink", new Dictionary<string, string>());
        var html = await sent.Content.ReadAsStringAsync();
        var mails = await TestSmtpSink.Shared.MessagesToAsync(user + "@example.com");
        var link = mails.Count == 1 ? mails[0].SetPasswordLink() : string.Empty;
        using var form = await NewBrowser().GetAsync(link);
        var audited = await AuditedAsync("user.password_link_sent", userId);

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("E-mail a set-password link to " + user + "@example.com"));
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(html, Does.Contain("A set-password link is sent to " + user + "@example.com"));
            Assert.That(html, Does.Not.Contain("set-password?token="), "the page never shows the link");
            Assert.That(mails, Has.Count.EqualTo(1));
            Assert.That(link, Does.StartWith(new Uri(Server.BaseAddress, "/account/set-password?token=").AbsoluteUri));
            Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the mailed link opens the form");
            Assert.That(audited.Select(e => e.Actor), Is.EqualTo(new[] { "user:" + admin.UserId }));
        });
    }
}
