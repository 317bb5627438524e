using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Audit;
using Auth.Application.Clients;
using Auth.Application.Scopes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>
/// The console registers a scope, changes its name shown to users, description and resources, and removes it while no
/// client may ask for it; a built-in scope is shown and never changed; a scope's name travels in the query whole, '/'
/// and '?' included. What the rules refuse is refused with nothing written; every change is audited with the
/// administrator.
/// </summary>
public sealed class ConsoleScopeTests(StoreKind store) : ConsoleTest(store)
{
    [Test]
    public async Task A_scope_registered_in_the_console_is_stored_listed_and_audited_with_the_administrator()
    {
        var name = "reports.read-" + Guid.NewGuid().ToString("N")[..8];

        using var admin = await EnterConsoleAsync();
        var list = await PageAsync(admin.Browser, "/admin/scopes");
        using var created = await admin.Browser.SubmitFormAsync(list, "/admin/scopes", new Dictionary<string, string>
        {
            ["Name"] = " " + name + " ",
            ["DisplayName"] = "Read reports",
            ["Description"] = "See the monthly reports.",
            ["Resources"] = "https://reports.example\r\n\r\nreports-api\n",
        });
        var answer = await created.Content.ReadAsStringAsync();
        var stored = await StoredAsync(name);
        var audited = await AuditedAsync(SecurityEventTypes.ScopeRegistered);

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer);
            Assert.That(answer, Does.Contain($"The scope {name} is registered."));
            Assert.That(answer, Does.Contain($"href=\"/admin/scope?name={name}\""), "the list links the new scope's page");
            Assert.That((stored?.Definition.DisplayName, stored?.Definition.Description), Is.EqualTo(((string?)"Read reports", (string?)"See the monthly reports.")));
            Assert.That(stored?.Definition.Resources, Is.EqualTo(new[] { "https://reports.example", "reports-api" }), "one per line, blank lines dropped");
            Assert.That(audited.Where(e => e.Detail == name + " created").Select(e => e.Actor), Has.Some.EqualTo("user:" + admin.UserId));
        });
    }

    [Test]
    public async Task An_edit_changes_and_clears_the_settings_and_one_made_on_a_stale_page_is_refused()
    {
        var name = await AddScopeAsync("reports.write-");

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, Routes.ForConsoleScope(name));
        using var edited = await admin.Browser.SubmitFormAsync(page, $"{Routes.ForConsoleScope(name)}&handler=Edit", new Dictionary<string, string>
        {
            ["DisplayName"] = "Write reports",
            ["Description"] = "",
            ["Resources"] = "reports-api",
        });
        var afterEdit = await StoredAsync(name);

        // The first page's version is now stale: its form overwrites nothing.
        using var stale = await admin.Browser.SubmitFormAsync(page, $"{Routes.ForConsoleScope(name)}&handler=Edit", new Dictionary<string, string>
        {
            ["DisplayName"] = "Overwritten",
        });
        var afterStale = await StoredAsync(name);

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("name=\"DisplayName\" value=\"Reports\""), "the form holds the stored settings");
            Assert.That(page, Does.Contain(">https://reports.example&#xA;reports-api</textarea>"));
            Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());
            Assert.That(await edited.Content.ReadAsStringAsync(), Does.Contain("The scope is changed."));
            Assert.That((afterEdit?.Definition.DisplayName, afterEdit?.Definition.Description), Is.EqualTo(((string?)"Write reports", (string?)null)), "an emptied field clears the setting");
            Assert.That(afterEdit?.Definition.Resources, Is.EqualTo(new[] { "reports-api" }));
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await stale.Content.ReadAsStringAsync(), Does.Contain("Someone changed the scope since this page was read"));
            Assert.That(afterStale?.Version, Is.EqualTo(afterEdit?.Version), "nothing was written");
            Assert.That((await AuditedAsync(SecurityEventTypes.ScopeRegistered)).Where(e => e.Detail == name + " updated").Select(e => e.Actor),
                Is.EqualTo(new[] { "user:" + admin.UserId }), "the one change, by the administrator");
        });
    }

    [Test]
    public async Task A_scope_a_client_may_ask_for_is_not_removed_and_one_no_client_names_is_after_confirmation()
    {
        var name = await AddScopeAsync("reports.export-");
        var client = await RegisterOwnClientAsync("scope-user", [name]);

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, Routes.ForConsoleScope(name));
        using var unconfirmed = await admin.Browser.SubmitFormAsync(page, $"{Routes.ForConsoleScope(name)}&handler=Delete", new Dictionary<string, string>());
        using var inUse = await admin.Browser.SubmitFormAsync(page, $"{Routes.ForConsoleScope(name)}&handler=Delete", new Dictionary<string, string> { ["Confirm"] = "true" });
        var afterRefusals = await StoredAsync(name);
        using (var scope = Server.Services.CreateScope())
        {
            Assert.That((await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RemoveClient(client.Id))).Succeeded, Is.True);
        }

        var again = await PageAsync(admin.Browser, Routes.ForConsoleScope(name));
        using var removed = await admin.Browser.SubmitFormAsync(again, $"{Routes.ForConsoleScope(name)}&handler=Delete", new Dictionary<string, string> { ["Confirm"] = "true" });
        using var gone = await admin.Browser.GetAsync(Routes.ForConsoleScope(name));
        var audited = await AuditedAsync(SecurityEventTypes.ScopeRemoved);

        Assert.Multiple(async () =>
        {
            Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(inUse.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await inUse.Content.ReadAsStringAsync(), Does.Contain(client.Id), "the refusal names the client");
            Assert.That(afterRefusals, Is.Not.Null, "still there");
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(removed.Headers.Location?.OriginalString, Is.EqualTo("/admin/scopes"));
            Assert.That(await StoredAsync(name), Is.Null);
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(audited.Where(e => e.Detail == name).Select(e => e.Actor), Has.Some.EqualTo("user:" + admin.UserId));
        });
    }

    [Test]
    public async Task A_built_in_scope_is_shown_without_forms_and_a_change_posted_anyway_is_refused()
    {
        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, Routes.ForConsoleScope("mfa"));
        var before = await StoredAsync("mfa");
        using var forced = await admin.Browser.SubmitFormAsync(page, $"{Routes.ForConsoleScope("mfa")}&handler=Edit", new Dictionary<string, string>
        {
            ["DisplayName"] = "Forced",
        });

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("built in: it cannot be changed or removed"));
            Assert.That(page, Does.Not.Contain("data-testid=\"edit-form\"").And.Not.Contain("data-testid=\"delete-form\""));
            Assert.That(forced.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await forced.Content.ReadAsStringAsync(), Does.Contain("is built in and cannot be changed"));
            Assert.That((await StoredAsync("mfa"))?.Version, Is.EqualTo(before?.Version));
        });
    }

    [Test]
    public async Task A_scope_whose_name_holds_characters_a_url_gives_meaning_to_is_reached_changed_and_removed_through_its_page()
    {
        var name = await AddScopeAsync("api/orders?v1%&+#=-");
        var encoded = System.Text.Encodings.Web.HtmlEncoder.Default.Encode(name);

        using var admin = await EnterConsoleAsync();
        var list = await PageAsync(admin.Browser, "/admin/scopes?after=" + Uri.EscapeDataString("api/"));
        var link = ScopeLink(list, encoded);
        var page = await PageAsync(admin.Browser, link);
        using var edited = await admin.Browser.SubmitFormAsync(page, FormAction(page, "edit-form"), new Dictionary<string, string>
        {
            ["DisplayName"] = "Orders, version 1",
        });
        var changed = await StoredAsync(name);
        var again = await PageAsync(admin.Browser, link);
        using var removed = await admin.Browser.SubmitFormAsync(again, FormAction(again, "delete-form"), new Dictionary<string, string> { ["Confirm"] = "true" });

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain($"<h1><code>{encoded}</code></h1>"), "the page names the scope whole");
            Assert.That(await edited.Content.ReadAsStringAsync(), Does.Contain("The scope is changed."));
            Assert.That(changed?.Definition.DisplayName, Is.EqualTo("Orders, version 1"));
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await StoredAsync(name), Is.Null);
        });
    }

    [Test]
    public async Task A_form_refused_for_its_input_keeps_the_version_it_was_read_at_so_sent_again_it_overwrites_nothing()
    {
        var name = await AddScopeAsync("reports.stale-");

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, Routes.ForConsoleScope(name));
        using (var scope = Server.Services.CreateScope())
        {
            var changed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new UpdateScope(new ScopeDefinition { Name = name, DisplayName = "Changed meanwhile" }));
            Assert.That(changed.Succeeded, Is.True, changed.Error?.Description);
        }

        using var tooLong = await admin.Browser.SubmitFormAsync(page, FormAction(page, "edit-form"), new Dictionary<string, string>
        {
            ["DisplayName"] = new string('x', 201),
        });
        var refused = await tooLong.Content.ReadAsStringAsync();
        using var resent = await admin.Browser.SubmitFormAsync(refused, FormAction(refused, "edit-form"), new Dictionary<string, string>
        {
            ["DisplayName"] = "Mended",
        });

        Assert.Multiple(async () =>
        {
            Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), refused);
            Assert.That(resent.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await resent.Content.ReadAsStringAsync());
            Assert.That((await StoredAsync(name))?.Definition.DisplayName, Is.EqualTo("Changed meanwhile"), "the other change stays");
        });
    }

    [TestCase("has space", 400, "A scope is one token of printable characters")]
    [TestCase("admin.users.read", 400, "are built in and cannot be registered")]
    [TestCase("{taken}", 409, "already exists")]
    public async Task A_scope_the_rules_refuse_is_not_registered(string name, int status, string refusal)
    {
        if (name == "{taken}")
        {
            name = await AddScopeAsync("taken-");
        }

        using var admin = await EnterConsoleAsync();
        var list = await PageAsync(admin.Browser, "/admin/scopes");
        using var refused = await admin.Browser.SubmitFormAsync(list, "/admin/scopes", new Dictionary<string, string>
        {
            ["Name"] = name,
            ["DisplayName"] = "Never saved",
        });
        var answer = await refused.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That((int)refused.StatusCode, Is.EqualTo(status), answer);
            Assert.That(answer, Does.Contain(refusal));
            Assert.That(answer, Does.Contain("value=\"Never saved\""), "the form keeps what was posted");
            Assert.That((await StoredAsync(name))?.Definition.DisplayName, Is.Not.EqualTo("Never saved"));
        });
    }

    /// <summary>Where the page's form <paramref name="testId"/> posts to, as a browser reads it.</summary>
    private static string FormAction(string html, string testId)
    {
        var form = System.Text.RegularExpressions.Regex.Match(html, $"<form\\b[^>]*\\bdata-testid=\"{testId}\"[^>]*>");
        Assert.That(form.Success, Is.True, $"no {testId} on the page: " + html);
        return WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form.Value, "\\baction=\"(?<url>[^\"]*)\"").Groups["url"].Value);
    }

    /// <summary>Where the page's link around <paramref name="html"/>'s scope name <paramref name="encodedName"/> leads, as a browser reads it.</summary>
    private static string ScopeLink(string html, string encodedName)
    {
        var link = System.Text.RegularExpressions.Regex.Match(html, $"<a href=\"(?<url>[^\"]*)\"><code>{System.Text.RegularExpressions.Regex.Escape(encodedName)}</code></a>");
        Assert.That(link.Success, Is.True, $"no link to {encodedName} on the page: " + html);
        return WebUtility.HtmlDecode(link.Groups["url"].Value);
    }

    private async Task<string> AddScopeAsync(string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..8];
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateScope(new ScopeDefinition
        {
            Name = name,
            DisplayName = "Reports",
            Description = "The reports.",
            Resources = ["https://reports.example", "reports-api"],
        }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return name;
    }

    private async Task<RegisteredScope?> StoredAsync(string name)
    {
        using var scope = Server.Services.CreateScope();
        var found = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetScope(name));
        return found.Succeeded ? found.Value : null;
    }
}
