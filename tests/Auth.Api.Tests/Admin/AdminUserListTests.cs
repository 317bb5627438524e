using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Domain.Groups;
using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// GET /admin/v1/users and GET /admin/v1/users/{id} (issue #16, scope admin.users.read): 1,000 users read through
/// <c>next</c> links in user-name order without a gap or a repeat, the filters, and the refusals of a bad query.
/// </summary>
public sealed class AdminUserListTests(StoreKind store) : ServerTest(store)
{
    private const int UserCount = 1_000;
    private string _groupId = default!;

    [OneTimeSetUp]
    public async Task SeedUsers()
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = DateTimeOffset.UtcNow;
        var group = new Group("List Testers", now);
        db.Groups.Add(group);
        for (var i = 0; i < UserCount; i++)
        {
            var user = new User($"list-{i:D4}", now);
            user.ReplaceEmails([new UserEmail($"list-{i:D4}@Example.com", "work", primary: true)]);
            if (i % 100 == 7)
            {
                user.Deactivate(now);
            }

            if (i % 250 == 3)
            {
                db.GroupMembers.Add(new GroupMember(group.Id, user.Id));
            }

            db.Users.Add(user);
        }

        await db.SaveChangesAsync();
        _groupId = group.Id;
    }

    [Test]
    public async Task Following_next_links_reads_every_user_once_in_user_name_order()
    {
        var names = new List<string>();
        var pages = 0;
        string? next = "/admin/v1/users?user_name_prefix=LIST-&count=97";
        while (next is not null && pages < 20)
        {
            var page = await ReadAsync(next);
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("user_name").GetString()!));
            next = page.GetProperty("next").GetString();
            pages++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(names, Has.Count.EqualTo(UserCount));
            Assert.That(names, Is.Unique);
            Assert.That(names, Is.EqualTo(Enumerable.Range(0, UserCount).Select(i => $"list-{i:D4}")), "in user-name order");
            Assert.That(pages, Is.EqualTo(11), "1,000 users in pages of 97");
        });
    }

    [Test]
    public async Task The_filters_narrow_the_list()
    {
        var byEmail = await ReadAsync("/admin/v1/users?email=LIST-0042@example.COM");
        var inactive = await ReadAsync("/admin/v1/users?user_name_prefix=list-&active=false&count=500");
        var members = await ReadAsync($"/admin/v1/users?group={_groupId}");
        var none = await ReadAsync("/admin/v1/users?user_name_prefix=nobody-");

        Assert.Multiple(() =>
        {
            Assert.That(Names(byEmail), Is.EqualTo(new[] { "list-0042" }), "e-mail addresses compare ignoring case");
            Assert.That(Names(inactive), Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"list-{i * 100 + 7:D4}")));
            Assert.That(inactive.GetProperty("items")[0].GetProperty("active").GetBoolean(), Is.False);
            Assert.That(Names(members), Is.EqualTo(new[] { "list-0003", "list-0253", "list-0503", "list-0753" }));
            Assert.That(Names(none), Is.Empty);
            Assert.That(none.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task One_user_is_read_by_id_and_an_unknown_id_is_404()
    {
        var listed = (await ReadAsync("/admin/v1/users?user_name_prefix=list-0500&count=1")).GetProperty("items")[0];
        var user = await ReadAsync("/admin/v1/users/" + listed.GetProperty("id").GetString());
        using var unknown = await SendAsync("/admin/v1/users/no-such-user");
        var unknownBody = await OAuthClient.ReadJsonAsync(unknown);

        Assert.Multiple(() =>
        {
            Assert.That(user.GetProperty("user_name").GetString(), Is.EqualTo("list-0500"));
            Assert.That(user.GetProperty("email").GetString(), Is.EqualTo("list-0500@Example.com"));
            Assert.That(user.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(user.ToString(), Does.Not.Contain("password").And.Not.Contain("stamp"), "no secret");
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknownBody.GetProperty("error").GetString(), Is.EqualTo("not_found"));
        });
    }

    [TestCase("count=0")]
    [TestCase("count=501")]
    [TestCase("count=many")]
    [TestCase("active=maybe")]
    [TestCase("cursor=%25%25")]
    [TestCase("cursor=AA")]
    [TestCase("email=a&email=b")]
    public async Task A_bad_query_gets_400_with_the_error_body(string query)
    {
        using var response = await SendAsync("/admin/v1/users?" + query);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
            Assert.That(body.GetProperty("error_description").GetString(), Is.Not.Empty);
        });
    }

    private static IEnumerable<string> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("user_name").GetString()!);

    private async Task<HttpResponseMessage> SendAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersReader, AdminScopes.UsersRead));
        return await Server.Client.SendAsync(request);
    }

    private async Task<JsonElement> ReadAsync(string url)
    {
        using var response = await SendAsync(url);
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });
        return body;
    }
}
