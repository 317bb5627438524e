using System.Linq.Expressions;
using System.Net;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;
using Auth.Application.Users;
using Auth.Domain.Audit;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Account;

/// <summary>
/// Self-service password reset (<c>SignIn:PasswordReset</c>): "Forgot your password?" on the sign-in page e-mails a
/// one-time link, through a real SMTP server (<see cref="TestSmtpSink"/>), to an enabled user who has a password; the
/// page answers alike for every account. The mail goes out after the page answered, one request at a time in order, so
/// a test that expects no mail for some requests asks for an eligible user last and waits for that mail: by then the
/// earlier requests have been handled.
/// </summary>
public sealed partial class PasswordResetTests(StoreKind store) : UserFlowTest(store)
{
    private const string Chosen = "chosen-after-forgetting-7";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(TestSmtpSink.Shared.Settings())
    {
        ["SignIn:PasswordReset"] = "true",
    };

    private static TestSmtpSink Sink => TestSmtpSink.Shared;

    [Test]
    public async Task A_user_who_forgot_their_password_resets_it_through_the_mailed_link_and_signs_in_with_the_new_one()
    {
        var user = await CreateUserAsync(emailVerified: true);
        var userId = await StoredSessions.UserIdAsync(Server, user);

        // Locked out by guessing: the usual reason to ask. Setting the new password ends the lockout.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await SignInThroughAsync(NewBrowser(), AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user, "not-the-password-0");
        }

        using var whileLocked = await SignInThroughAsync(NewBrowser(), AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user, Password);
        using var browser = NewBrowser();
        using var login = await browser.GetAsync("/account/login");
        var loginHtml = await login.Content.ReadAsStringAsync();

        var (asked, askedHtml) = await AskAsync(browser, user);
        var mail = (await Sink.MessagesToAsync(user + "@example.com", 1)).Single();
        var url = mail.SetPasswordLink();
        var token = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var (set, page) = await SetPasswordAsync(NewBrowser(), url, Chosen);
        using var withOld = await SignInThroughAsync(NewBrowser(), AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user, Password);
        using var withNew = await SignInThroughAsync(NewBrowser(), AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user, Chosen);
        var audited = await AuditAsync(e => e.EventType == "user.password_reset" && e.SubjectId == userId, 1);

        Assert.Multiple(() =>
        {
            Assert.That(whileLocked.StatusCode, Is.Not.EqualTo(HttpStatusCode.Redirect), "locked out before the reset");
            Assert.That(loginHtml, Does.Contain("href=\"/account/forgot-password\">Forgot your password?"));
            Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.OK), askedHtml);
            Assert.That(askedHtml, Does.Contain("data-testid=\"reset-asked\"").And.Contain("for 60 minutes"));
            Assert.That(mail.To, Is.EqualTo(new[] { user + "@example.com" }), "the user's own address alone");
            Assert.That(mail.Subject, Is.EqualTo("Reset your password"));
            Assert.That(mail.Text, Does.Contain("someone, hopefully you").And.Contain(user).And.Contain("works once"));
            Assert.That(mail.Html, Does.Contain("href=\"" + WebUtility.HtmlEncode(url) + "\""));
            Assert.That(url, Does.StartWith(new Uri(Server.BaseAddress, "/account/set-password?token=").AbsoluteUri));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the mailed link opens the form");
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(withOld.StatusCode, Is.Not.EqualTo(HttpStatusCode.Redirect), "the forgotten password no longer signs in");
            Assert.That(CallbackParameters(withNew, TestSeed.WebAppCallback), Does.ContainKey("code"), "the chosen one does, the lockout lifted");
            Assert.That(audited.Select(e => e.Outcome), Is.EqualTo(new[] { "success" }));
            Assert.That(audited[0].IpAddress, Is.Not.Null.And.Not.Empty, "the asking request's address, though recorded after it ended");
            Assert.That(audited[0].CorrelationId, Is.Not.Null.And.Not.Empty);
            Assert.That(audited[0].Detail, Does.Not.Contain(token), "never the link in the audit log");
        });
    }

    [Test]
    public async Task The_page_answers_alike_for_every_account_and_mails_only_an_enabled_user_with_a_password_once_per_interval()
    {
        var known = await CreateUserAsync(emailVerified: true);
        var knownId = await StoredSessions.UserIdAsync(Server, known);
        var disabled = await CreateUserAsync(emailVerified: true);
        await DeactivateAsync(disabled);
        var disabledId = await StoredSessions.UserIdAsync(Server, disabled);
        var withoutPassword = await RegisterWithoutPasswordAsync();
        var withoutPasswordId = await StoredSessions.UserIdAsync(Server, withoutPassword);
        var unverified = await CreateUserAsync();
        var unverifiedId = await StoredSessions.UserIdAsync(Server, unverified);
        var unknown = "nobody-" + Guid.NewGuid().ToString("N")[..10];
        var marker = await CreateUserAsync(emailVerified: true);
        using var browser = NewBrowser();

        // By address, in other letters: the address is compared as stored addresses are.
        var answers = new List<(HttpResponseMessage Response, string Html)>
        {
            await AskAsync(browser, unknown),
            await AskAsync(browser, disabled),
            await AskAsync(browser, withoutPassword),
            await AskAsync(browser, unverified),
            await AskAsync(browser, (known + "@example.com").ToUpperInvariant()),
            await AskAsync(browser, known),
            await AskAsync(browser, marker),
        };
        // Every request before the marker's was looked at before it (one at a time), so those refused there sent nothing;
        // the mails they started are sent beside the marker's and waited for by address.
        await Sink.MessagesToAsync(marker + "@example.com", 1);
        var knownMails = await Sink.MessagesToAsync(known + "@example.com", 1);
        var firstLink = knownMails[0].SetPasswordLink();

        // Past the interval, a new request replaces the link.
        Server.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await AskAsync(browser, known);
        var secondLink = (await Sink.MessagesToAsync(known + "@example.com", 2))[1].SetPasswordLink();
        var (withFirst, _) = await SetPasswordAsync(NewBrowser(), firstLink, Chosen);
        var (withSecond, _) = await SetPasswordAsync(NewBrowser(), secondLink, Chosen);

        var reasons = (await AuditAsync(e => e.EventType == "user.password_reset" &&
            (e.SubjectId == knownId || e.SubjectId == disabledId || e.SubjectId == withoutPasswordId || e.SubjectId == unverifiedId), 6))
            .Select(e => (e.SubjectId, e.Outcome, Reason: e.Outcome == "success" ? "sent" : e.Detail)).ToList();
        var noMatch = await AuditAsync(e => e.EventType == "user.password_reset" && e.SubjectId == null, 1);
        var details = (await AuditAsync(e => e.EventType == "user.password_reset", 1)).Select(e => e.Detail ?? string.Empty).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(answers.Select(a => a.Response.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(answers.Select(a => Comparable(a.Html)).Distinct().Count(), Is.EqualTo(1), "one answer for every account");
            Assert.That(await Sink.MessagesToAsync(disabled + "@example.com"), Is.Empty, "nothing to a disabled user");
            Assert.That(await Sink.MessagesToAsync(withoutPassword + "@example.com"), Is.Empty, "nothing to a user without a password");
            Assert.That(await Sink.MessagesToAsync(unverified + "@example.com"), Is.Empty, "nothing to an address nobody vouched for");
            Assert.That(knownMails, Has.Count.EqualTo(1), "asked twice within the interval: one mail");
            Assert.That(reasons, Is.EquivalentTo(new[]
            {
                (disabledId, "failure", "disabled"),
                (withoutPasswordId, "failure", "no_password"),
                (unverifiedId, "failure", "unverified_address"),
                (knownId, "success", "sent"),
                (knownId, "failure", "too_soon"),
                (knownId, "success", "sent"),
            }));
            Assert.That(noMatch.Select(e => e.Detail), Has.Some.EqualTo("no_match"), "an unknown name is audited without a subject");
            Assert.That(details, Has.None.Contains(unknown).And.None.Contains(known.ToUpperInvariant()), "never what was typed");
            Assert.That(withFirst.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the newer link replaced the first");
            Assert.That(withSecond.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_request_without_its_antiforgery_token_or_a_name_sends_nothing()
    {
        var user = await CreateUserAsync(emailVerified: true);
        var marker = await CreateUserAsync(emailVerified: true);
        using var browser = NewBrowser();
        using var form = await browser.GetAsync("/account/forgot-password");
        var fields = UserAgent.HiddenFields(await form.Content.ReadAsStringAsync());
        fields.Remove("__RequestVerificationToken");
        fields["UserName"] = user;

        using var forged = await browser.Http.PostAsync("/account/forgot-password", new FormUrlEncodedContent(fields));
        var (empty, emptyHtml) = await AskAsync(browser, "   ");
        await AskAsync(browser, marker);
        await Sink.MessagesToAsync(marker + "@example.com", 1);

        Assert.Multiple(async () =>
        {
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(emptyHtml, Does.Contain("role=\"alert\""));
            Assert.That(await Sink.MessagesToAsync(user + "@example.com"), Is.Empty);
        });
    }

    [Test]
    public async Task An_address_two_users_share_names_neither_and_mails_nobody()
    {
        var shared = "shared-" + Guid.NewGuid().ToString("N")[..10] + "@example.com";
        var first = await CreateUserAsync(email: shared, emailVerified: true);
        var second = await CreateUserAsync(email: shared, emailVerified: true);
        var marker = await CreateUserAsync(emailVerified: true);
        using var browser = NewBrowser();

        await AskAsync(browser, shared);
        await AskAsync(browser, marker);
        await Sink.MessagesToAsync(marker + "@example.com", 1);

        Assert.Multiple(async () =>
        {
            Assert.That(await Sink.MessagesToAsync(shared), Is.Empty);
            Assert.That(first, Is.Not.EqualTo(second));
        });
    }

    [Test]
    public async Task A_mail_the_server_does_not_take_leaves_no_link_and_the_person_can_ask_again_at_once()
    {
        var user = await CreateUserAsync(emailVerified: true);
        var userId = await StoredSessions.UserIdAsync(Server, user);
        var unanswered = new Dictionary<string, string?>(Settings) { ["Smtp:Port"] = LoopbackPorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await using (var withoutMail = await AuthServer.StartAsync(Server.Store, unanswered))
        {
            using var there = new UserAgent(withoutMail.BaseAddress);
            await AskAsync(there, user);
            await AuditAsync(withoutMail, e => e.EventType == "user.password_reset" && e.SubjectId == userId, 1);
        }

        var linksAfterFailure = await LinksOfAsync(userId);
        using var browser = NewBrowser();
        await AskAsync(browser, user);
        var mails = await Sink.MessagesToAsync(user + "@example.com", 1);
        var audited = await AuditAsync(e => e.EventType == "user.password_reset" && e.SubjectId == userId, 2);

        Assert.Multiple(() =>
        {
            Assert.That(linksAfterFailure, Is.Zero, "the link nobody received is gone");
            Assert.That(audited.Select(e => (e.Outcome, e.Outcome == "success" ? "sent" : e.Detail)),
                Is.EqualTo(new[] { ("failure", "mail_failed"), ("success", "sent") }), "not too soon after a mail that never went");
            Assert.That(mails[0].SetPasswordLink(), Does.StartWith(new Uri(Server.BaseAddress, "/account/set-password?token=").AbsoluteUri));
        });
    }

    private static async Task<(HttpResponseMessage Response, string Html)> AskAsync(UserAgent browser, string typed)
    {
        using var form = await browser.GetAsync("/account/forgot-password");
        Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var response = await browser.SubmitFormAsync(await form.Content.ReadAsStringAsync(), "/account/forgot-password",
            new Dictionary<string, string> { ["UserName"] = typed });
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A user provisioned without a password (their address vouched for, so that is not why they get no link).</summary>
    private async Task<string> RegisterWithoutPasswordAsync()
    {
        var userName = "no-password-" + Guid.NewGuid().ToString("N")[..10];
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterUser(new UserDefinition
        {
            UserName = userName,
            Email = userName + "@example.com",
            EmailVerified = true,
        }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return userName;
    }

    private async Task<int> LinksOfAsync(string userId)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().PasswordSetupLinks.CountAsync(l => l.UserId == userId);
    }

    private static async Task<(HttpResponseMessage Set, HttpResponseMessage Page)> SetPasswordAsync(UserAgent browser, string url, string password)
    {
        var page = await browser.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK || !html.Contains("name=\"NewPassword\"", StringComparison.Ordinal))
        {
            return (page, page);
        }

        return (await browser.SubmitFormAsync(html, "/account/set-password", new Dictionary<string, string> { ["NewPassword"] = password, ["ConfirmPassword"] = password }), page);
    }

    private Task<List<AuditEntry>> AuditAsync(Expression<Func<AuditEntry, bool>> filter, int atLeast) => AuditAsync(Server, filter, atLeast);

    /// <summary>
    /// The audit rows the filter selects once there are at least <paramref name="atLeast"/>: the mail is recorded after
    /// it went out, so a test that saw it arrive may look before the row is written.
    /// </summary>
    private static async Task<List<AuditEntry>> AuditAsync(AuthServer server, Expression<Func<AuditEntry, bool>> filter, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
            using var scope = server.Services.CreateScope();
            var rows = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking().Where(filter).OrderBy(e => e.Id).ToListAsync();
            if (rows.Count >= atLeast || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The page without what differs between any two answers (a per-response nonce).</summary>
    private static string Comparable(string html) => Nonce().Replace(html, "nonce");

    [GeneratedRegex("nonce-[A-Za-z0-9+/=_-]+|nonce=\"[^\"]*\"")]
    private static partial Regex Nonce();
}
