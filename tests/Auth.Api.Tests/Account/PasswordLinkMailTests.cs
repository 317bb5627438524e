using System.Net;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Admin;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Domain.Users;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Account;

/// <summary>
/// The one-time "set your password" link by e-mail (issue #17): with <c>Smtp:*</c> configured, the admin API's
/// <c>"send": true</c> and <c>users password link --send</c> mail the link to the user's own primary address, through a
/// real SMTP server (<see cref="TestSmtpSink"/>), and never show it. The tests read the mail and follow its link.
/// </summary>
public sealed partial class PasswordLinkMailTests(StoreKind store) : UserFlowTest(store)
{
    private const string Chosen = "chosen-through-the-mail-9";

    protected override IDictionary<string, string?> Settings => TestSmtpSink.Shared.Settings();

    private static TestSmtpSink Sink => TestSmtpSink.Shared;

    [Test]
    public async Task A_link_sent_by_mail_reaches_the_primary_address_only_and_sets_a_password_once()
    {
        var api = await AdminAsync();
        var userName = "mailed-" + Guid.NewGuid().ToString("N")[..10];
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/users", new { user_name = userName, display_name = "Mailed Person", email = userName + "-other@example.com" });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        var userId = created.Body.GetProperty("id").GetString()!;
        var primary = userName + "@example.com";
        var other = userName + "-other@example.com";
        await SetEmailsAsync(userId, new UserEmail(other, "home"), new UserEmail(primary, "work", primary: true));

        var sent = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{userId}/password-link", new { send = true, valid_for = 3600 });
        Assert.That(sent.Status, Is.EqualTo(HttpStatusCode.OK), sent.ToString());
        var mails = await Sink.MessagesToAsync(primary);
        Assert.That(mails, Has.Count.EqualTo(1), "one mail to the primary address");
        var mail = mails[0];
        var url = mail.SetPasswordLink();
        var token = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

        using var browser = NewBrowser();
        var (set, page) = await SetPasswordAsync(browser, url, Chosen);
        var (again, _) = await SetPasswordAsync(browser, url, Chosen + "-again");
        using var signIn = await SignInThroughAsync(NewBrowser(), AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), userName, Chosen);
        var audited = await AuditAsync(userId);

        Assert.Multiple(async () =>
        {
            Assert.That(sent.Body.GetProperty("sent_to").GetString(), Is.EqualTo(primary));
            Assert.That(sent.Body.GetProperty("user_id").GetString(), Is.EqualTo(userId));
            Assert.That(DateTimeOffset.Parse(sent.Body.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(Server.Clock.GetUtcNow().AddHours(1)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(sent.Body.TryGetProperty("url", out _), Is.False, "no link in the answer");
            Assert.That(sent.Text, Does.Not.Contain(token).And.Not.Contain("set-password").And.Not.Contain("token"));
            Assert.That(await Sink.MessagesToAsync(other), Is.Empty, "nothing to the user's other address");
            Assert.That(mail.To, Is.EqualTo(new[] { primary }), "the envelope names the user alone");
            Assert.That(mail.From, Is.EqualTo("accounts@auth.example"));
            Assert.That(mail.HeaderFrom, Does.Contain("Auth service"));
            Assert.That(mail.Subject, Is.EqualTo("Set your password"));
            Assert.That(mail.Text, Does.Contain(userName).And.Contain("Mailed Person").And.Contain("works once").And.Contain(AdminExpiry(sent)));
            Assert.That(mail.Html, Does.Contain("href=\"" + WebUtility.HtmlEncode(url) + "\"").And.Contain("works once"));
            Assert.That(url, Does.StartWith(new Uri(Server.BaseAddress, "/account/set-password?token=").AbsoluteUri));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the mailed link opens the form");
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a link works once");
            Assert.That(CallbackParameters(signIn, TestSeed.WebAppCallback), Does.ContainKey("code"), "the chosen password signs in");
            Assert.That(audited.Select(e => (e.EventType, e.Outcome)), Does.Contain(("user.password_link_sent", "success")).And.Contain(("user.password_set_by_link", "success")));
            Assert.That(audited.Single(e => e.EventType == "user.password_link_sent").Actor, Is.EqualTo("client:" + TestSeed.AdminUsersWriter.Id));
            Assert.That(audited.Select(e => e.Detail ?? string.Empty), Has.None.Contains(token), "never the link in the audit log");
        });
    }

    [Test]
    public async Task A_user_without_an_email_address_or_disabled_gets_a_conflict_no_mail_and_no_link()
    {
        var api = await AdminAsync();
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/users", new { user_name = "no-mail-" + Guid.NewGuid().ToString("N")[..10] });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        var withoutAddress = created.Body.GetProperty("id").GetString()!;
        var disabled = await CreateUserAsync();
        await DeactivateAsync(disabled);
        var disabledId = await StoredSessions.UserIdAsync(Server, disabled);
        var before = await Sink.CountAsync();

        var noAddress = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{withoutAddress}/password-link", new { send = true });
        var ofDisabled = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{disabledId}/password-link", new { send = true });
        var unknown = await api.SendAsync(HttpMethod.Post, "/admin/v1/users/no-such-user/password-link", new { send = true });

        Assert.Multiple(async () =>
        {
            Assert.That((noAddress.Status, noAddress.Error), Is.EqualTo((HttpStatusCode.Conflict, "conflict")), noAddress.ToString());
            Assert.That(noAddress.Body.GetProperty("error_description").GetString(), Does.Contain("no usable e-mail address"));
            Assert.That((ofDisabled.Status, ofDisabled.Error), Is.EqualTo((HttpStatusCode.Conflict, "conflict")));
            Assert.That((unknown.Status, unknown.Error), Is.EqualTo((HttpStatusCode.NotFound, "not_found")));
            Assert.That(await Sink.CountAsync(), Is.EqualTo(before), "no mail");
            Assert.That(await StoredLinksOfAsync(withoutAddress), Is.Zero, "no link made");
            Assert.That(await StoredLinksOfAsync(disabledId), Is.Zero);
        });
    }

    [Test]
    public async Task Without_send_the_link_is_returned_and_no_mail_goes_out()
    {
        var user = await CreateUserAsync();
        var before = await Sink.CountAsync();

        var link = await (await AdminAsync()).SendAsync(HttpMethod.Post, $"/admin/v1/users/{await StoredSessions.UserIdAsync(Server, user)}/password-link", new { send = false });

        Assert.Multiple(async () =>
        {
            Assert.That(link.Status, Is.EqualTo(HttpStatusCode.OK), link.ToString());
            Assert.That(link.Body.GetProperty("url").GetString(), Does.Contain("/account/set-password?token="));
            Assert.That(link.Body.TryGetProperty("sent_to", out _), Is.False);
            Assert.That(await Sink.CountAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task The_command_line_sends_the_link_and_prints_only_the_address()
    {
        var user = await CreateUserAsync();
        var address = user + "@example.com";

        var sent = await AuthExecutable.RunAsync(Server.Store, Server.BaseAddress, [.. SendArguments(user), .. SmtpArguments(Sink.SmtpPort)]);
        Assert.That(sent.ExitCode, Is.Zero, sent.Error);
        var mails = await Sink.MessagesToAsync(address);
        Assert.That(mails, Has.Count.EqualTo(1));
        using var browser = NewBrowser();
        var (set, _) = await SetPasswordAsync(browser, mails[0].SetPasswordLink(), Chosen);

        Assert.Multiple(() =>
        {
            Assert.That(sent.Output.Trim(), Is.EqualTo("Sent to " + address));
            Assert.That(sent.Output + sent.Error, Does.Not.Contain("token="), "the link is not printed");
            Assert.That(sent.Error, Does.Contain("works once"));
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_mail_server_that_does_not_answer_fails_the_command_and_sends_nothing()
    {
        var user = await CreateUserAsync();

        var failed = await AuthExecutable.RunAsync(Server.Store, Server.BaseAddress, [.. SendArguments(user), .. SmtpArguments(LoopbackPorts.Next())]);

        Assert.Multiple(async () =>
        {
            Assert.That(failed.ExitCode, Is.EqualTo(1));
            Assert.That(failed.Error, Does.Contain("did not take the message"));
            Assert.That(failed.Output + failed.Error, Does.Not.Contain("token="));
            Assert.That(await Sink.MessagesToAsync(user + "@example.com"), Is.Empty);
        });
    }

    private static string[] SendArguments(string user) => ["users", "password", "link", "--name", user, "--send"];

    private static string[] SmtpArguments(int port) =>
    [
        .. TestSmtpSink.Shared.Settings().Select(s => s.Key == "Smtp:Port" ? $"--Smtp:Port={port}" : $"--{s.Key}={s.Value}"),
    ];

    private static string AdminExpiry(AdminReply sent) =>
        DateTimeOffset.Parse(sent.Body.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(HttpResponseMessage Set, HttpResponseMessage Page)> SetPasswordAsync(UserAgent browser, string url, string password)
    {
        var page = await browser.GetAsync(url);
        var set = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), "/account/set-password",
            new Dictionary<string, string> { ["NewPassword"] = password, ["ConfirmPassword"] = password });
        return (set, page);
    }

    private async Task SetEmailsAsync(string userId, params UserEmail[] emails)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        user.ReplaceEmails(emails);
        await db.SaveChangesAsync();
    }

    private async Task<int> StoredLinksOfAsync(string userId)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().PasswordSetupLinks.CountAsync(l => l.UserId == userId);
    }

    private async Task<List<Auth.Domain.Audit.AuditEntry>> AuditAsync(string userId)
    {
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking().Where(e => e.SubjectId == userId).ToListAsync();
    }

    private async Task<AdminApi> AdminAsync() =>
        new(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersRead + " " + AdminScopes.UsersWrite));
}
