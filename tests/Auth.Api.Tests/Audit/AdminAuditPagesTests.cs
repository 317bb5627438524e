using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Application.Users;
using Auth.Infrastructure.Audit;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Audit;

/// <summary>
/// GET /admin/v1/audit (issue #16): the audit log in the admin API's pages, an absolute <c>next</c> link under the
/// issuer followed until it is null, with the admin.audit.read scope; the first /admin/audit still answers.
/// </summary>
public sealed class AdminAuditPagesTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Following_next_links_reads_the_whole_log_newest_first_without_gaps_or_repeats()
    {
        var user = await CreateUserAsync();
        for (var i = 0; i < 5; i++)
        {
            using var browser = NewBrowser();
            var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
            using var refused = await browser.SignInAsync(challenge, user, "wrong-password-0");
        }

        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        var subject = await UserIdAsync(user);
        var token = await OAuth.GetAccessTokenAsync(TestSeed.AdminAuditReader, AdminScopes.AuditRead);
        var legacy = await ReadAsync($"/admin/audit?type=sign_in&subject={subject}", await OAuth.GetAccessTokenAsync(TestSeed.AdminClient, AdminScopes.Everything));

        var ids = new List<long>();
        var links = new List<string>();
        string? next = $"/admin/v1/audit?type=sign_in&subject={subject}&count=2";
        while (next is not null && links.Count < 10)
        {
            var page = await ReadAsync(next, token);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            next = page.GetProperty("next").GetString();
            if (next is not null)
            {
                links.Add(next);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Count.EqualTo(5));
            Assert.That(ids, Is.Ordered.Descending);
            Assert.That(ids, Is.EqualTo(legacy.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64())),
                "the same entries as the first /admin/audit");
            Assert.That(links, Has.Count.EqualTo(2), "five entries in pages of two");
            Assert.That(links, Has.All.StartWith(Server.BaseAddress.AbsoluteUri + "admin/v1/audit?"), "absolute, under the issuer");
            Assert.That(links, Has.All.Contains($"subject={subject}").And.All.Contains("count=2"), "the filters carried over");
        });
    }

    [TestCase("cursor=later")]
    [TestCase("cursor=1&cursor=2")]
    [TestCase("count=0")]
    public async Task A_bad_cursor_or_count_gets_400_with_the_error_body(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/audit?" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OAuth.GetAccessTokenAsync(TestSeed.AdminAuditReader, AdminScopes.AuditRead));
        using var response = await Server.Client.SendAsync(request);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
            Assert.That(body.GetProperty("error_description").GetString(), Is.Not.Empty);
        });
    }

    private async Task<JsonElement> ReadAsync(string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Server.Client.SendAsync(request);
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });
        return body;
    }

    private async Task<string> UserIdAsync(string userName)
    {
        using var scope = Server.Services.CreateScope();
        var users = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListUsers());
        return users.Single(u => u.UserName == userName).Id;
    }
}
