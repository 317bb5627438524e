using System.Net;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Admin;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Scim;

/// <summary>
/// A membership belongs to both its resources: a user's read-only groups (with their names) change when a group takes
/// them in, lets them go, is renamed or deleted, and a group's members when a user is deleted. The other side's ETag
/// moves with it, so a client never gets a 304 for, or writes over, a representation that has changed.
/// </summary>
public sealed class ScimMembershipVersionTests(StoreKind store) : ScimTest(store)
{
    [Test]
    public async Task A_users_etag_moves_when_a_group_takes_them_in_is_renamed_lets_them_go_or_is_deleted()
    {
        var id = await CreateUserAsync(NewUserName());
        var initial = await UserAsync(id);
        var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}","members":[{"value":"{{id}}"}]}""");
        var groupId = group!["id"]!.GetValue<string>();
        var joined = await UserAsync(id);

        var (notModified, _) = await Scim.SendAsync(HttpMethod.Get, "/Users/" + id, configure: r => r.Headers.IfNoneMatch.Add(initial.ETag));
        var (stale, staleBody) = await Scim.SendAsync(HttpMethod.Patch, "/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"title","value":"One"}"""),
            r => r.Headers.IfMatch.Add(initial.ETag));

        Server.Clock.Advance(TimeSpan.FromSeconds(1));
        await Scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch("""{"op":"replace","path":"displayName","value":"Renamed team"}"""));
        var renamed = await UserAsync(id);
        Server.Clock.Advance(TimeSpan.FromSeconds(1));
        await Scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch($$"""{"op":"remove","path":"members[value eq \"{{id}}\"]"}"""));
        var left = await UserAsync(id);
        Server.Clock.Advance(TimeSpan.FromSeconds(1));
        await Scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch($$"""{"op":"add","path":"members","value":[{"value":"{{id}}"}]}"""));
        var rejoined = await UserAsync(id);
        Server.Clock.Advance(TimeSpan.FromSeconds(1));
        var (deleted, _) = await Scim.DeleteAsync("/Groups/" + groupId);
        var afterDelete = await UserAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(joined.Groups, Is.EqualTo(new[] { group["displayName"]!.GetValue<string>() }));
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the ETag from before the group took the user in is not current");
            Assert.That(renamed.Groups, Is.EqualTo(new[] { "Renamed team" }));
            Assert.That(left.Groups, Is.Empty);
            Assert.That(rejoined.Groups, Is.EqualTo(new[] { "Renamed team" }));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(afterDelete.Groups, Is.Empty);
            var etags = new[] { initial, joined, renamed, left, rejoined, afterDelete }.Select(u => u.ETag.ToString()).ToList();
            Assert.That(etags, Is.Unique, "each change of the user's groups is a new version");
            var modified = new[] { joined, renamed, left, rejoined, afterDelete }.Select(u => u.LastModified).ToList();
            Assert.That(modified, Is.Ordered.Ascending.And.Unique, "meta.lastModified moves with each change (the server's clock moved a second before each)");
        });
        AssertScimError(stale, staleBody, HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task A_groups_change_that_leaves_a_users_groups_as_they_were_keeps_the_users_etag()
    {
        var id = await CreateUserAsync(NewUserName());
        var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}","externalId":"one","members":[{"value":"{{id}}"}]}""");
        var groupId = group!["id"]!.GetValue<string>();
        var before = await UserAsync(id);

        var (changed, _) = await Scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch("""{"op":"replace","path":"externalId","value":"two"}"""));
        var (addedAgain, _) = await Scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch($$"""{"op":"add","path":"members","value":[{"value":"{{id}}"}]}"""));
        var after = await UserAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(changed.IsSuccessStatusCode && addedAgain.IsSuccessStatusCode, Is.True);
            Assert.That(after.ETag, Is.EqualTo(before.ETag), "neither the user's groups nor their names changed");
        });
    }

    [Test]
    public async Task A_groups_etag_moves_when_a_member_is_renamed_through_scim_or_the_admin_api_and_not_for_another_change()
    {
        // Created by an operator: the admin API changes the profile of a user no directory provisioned.
        var admin = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersRead + " " + AdminScopes.UsersWrite));
        var created = await admin.SendAsync(HttpMethod.Post, "/admin/v1/users", new Dictionary<string, object?> { ["user_name"] = NewUserName() });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        var id = created.Body.GetProperty("id").GetString()!;
        var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}","members":[{"value":"{{id}}"}]}""");
        var groupId = group!["id"]!.GetValue<string>();
        var (first, _) = await Scim.GetAsync("/Groups/" + groupId);

        await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"title","value":"Engineer"}"""));
        var (afterTitle, _) = await Scim.GetAsync("/Groups/" + groupId);
        await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"displayName","value":"Barbara J"}"""));
        var (afterScimRename, scimRenamed) = await Scim.GetAsync("/Groups/" + groupId);
        var profile = await admin.SendAsync(HttpMethod.Put, $"/admin/v1/users/{id}", new Dictionary<string, object?> { ["display_name"] = "Barbara Jensen" });
        var (afterAdminRename, adminRenamed) = await Scim.GetAsync("/Groups/" + groupId);

        Assert.Multiple(() =>
        {
            Assert.That(afterTitle.Headers.ETag, Is.EqualTo(first.Headers.ETag), "a title is not part of the group");
            Assert.That(Displays(scimRenamed), Is.EqualTo(new[] { "Barbara J" }));
            Assert.That(afterScimRename.Headers.ETag, Is.Not.EqualTo(afterTitle.Headers.ETag));
            Assert.That(profile.Status, Is.EqualTo(HttpStatusCode.OK), profile.ToString());
            Assert.That(Displays(adminRenamed), Is.EqualTo(new[] { "Barbara Jensen" }));
            Assert.That(afterAdminRename.Headers.ETag, Is.Not.EqualTo(afterScimRename.Headers.ETag));
        });
    }

    [Test]
    public async Task A_groups_etag_moves_when_the_seed_file_renames_a_member_and_not_for_another_change()
    {
        var userName = NewUserName();
        var first = await SeedUserAsync(userName, "Ann One", "ann@example.com");
        var (_, found) = await Scim.GetAsync($"/Users?filter=userName eq \"{userName}\"");
        var id = found!["Resources"]![0]!["id"]!.GetValue<string>();
        var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}","members":[{"value":"{{id}}"}]}""");
        var groupId = group!["id"]!.GetValue<string>();
        var (before, _) = await Scim.GetAsync("/Groups/" + groupId);

        var email = await SeedUserAsync(userName, "Ann One", "ann.one@example.com");
        var (afterEmail, _) = await Scim.GetAsync("/Groups/" + groupId);
        var renamed = await SeedUserAsync(userName, "Ann Two", "ann.one@example.com");
        var (afterRename, renamedGroup) = await Scim.GetAsync("/Groups/" + groupId);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { first, email, renamed }.Select(o => o.ExitCode), Is.All.Zero, renamed.Error);
            Assert.That(afterEmail.Headers.ETag, Is.EqualTo(before.Headers.ETag), "an e-mail address is not part of the group");
            Assert.That(Displays(renamedGroup), Is.EqualTo(new[] { "Ann Two" }));
            Assert.That(afterRename.Headers.ETag, Is.Not.EqualTo(afterEmail.Headers.ETag), "the member's display name is part of the group");
        });
    }

    [Test]
    public async Task A_seed_renaming_members_racing_a_conditional_change_of_their_group_is_never_a_server_error()
    {
        var (first, second) = (NewUserName(), NewUserName());
        Assert.That((await SeedAsync(first, "First 0", second, "Second 0")).Succeeded, Is.True);
        var firstId = await IdOfAsync(first);
        var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}","members":[{"value":"{{await IdOfAsync(second)}}"}]}""");
        var groupId = group!["id"]!.GetValue<string>();
        var answers = new List<(bool Seeded, HttpStatusCode Patched)>();
        for (var round = 1; round <= 10; round++)
        {
            // The seed renames the first user, then the second (a member of the group); the PATCH, with the ETag it
            // read, changes the group's membership of the first. Each takes the group's row before a user's.
            var (_, current) = await Scim.GetAsync("/Groups/" + groupId);
            var etag = current!["meta"]!["version"]!.GetValue<string>();
            var membership = !Members(current).Contains(firstId)
                ? $$"""{"op":"add","path":"members","value":[{"value":"{{firstId}}"}]}"""
                : $$"""{"op":"remove","path":"members[value eq \"{{firstId}}\"]"}""";
            var seed = Task.Run(() => SeedAsync(first, $"First {round}", second, $"Second {round}"));
            var patch = Scim.SendAsync(HttpMethod.Patch, "/Groups/" + groupId, ScimClient.Patch(membership),
                r => r.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(etag)));
            answers.Add(((await seed).Succeeded, (await patch).Response.StatusCode));
        }

        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Seeded), Is.All.True, "every seed lands");
            Assert.That(answers.Select(a => a.Patched), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.PreconditionFailed),
                "the PATCH lands or finds the group changed: never a deadlock's 503");
        });
    }

    [Test]
    public async Task A_users_deletion_racing_their_groups_change_or_deletion_is_never_a_server_error()
    {
        var statuses = new List<(string What, HttpStatusCode Status)>();
        for (var round = 0; round < 12; round++)
        {
            var id = await CreateUserAsync(NewUserName());
            var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}","members":[{"value":"{{id}}"}]}""");
            var groupId = group!["id"]!.GetValue<string>();
            var groupWrite = round % 2 == 0
                ? Scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch($$"""{"op":"remove","path":"members[value eq \"{{id}}\"]"}"""))
                : Scim.DeleteAsync("/Groups/" + groupId);
            var userDeletion = Scim.DeleteAsync("/Users/" + id);
            statuses.Add((round % 2 == 0 ? "group patch" : "group delete", (await groupWrite).Response.StatusCode));
            statuses.Add(("user delete", (await userDeletion).Response.StatusCode));
        }

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Where(s => s.What == "user delete").Select(s => s.Status), Is.All.EqualTo(HttpStatusCode.NoContent));
            Assert.That(statuses.Where(s => s.What == "group delete").Select(s => s.Status), Is.All.EqualTo(HttpStatusCode.NoContent));
            Assert.That(statuses.Where(s => s.What == "group patch").Select(s => (int)s.Status), Is.All.LessThan(500),
                "the removal lands, or finds no such member left (400): never a deadlock's 503 or a 500");
        });
    }

    [Test]
    public async Task A_signed_in_users_deletion_racing_their_disabling_is_never_a_server_error()
    {
        var admin = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersRead + " " + AdminScopes.UsersWrite));
        var answers = new List<(HttpStatusCode Deleted, HttpStatusCode Disabled)>();
        for (var round = 0; round < 8; round++)
        {
            // A session and tokens: the rows both writes end, each after taking the user's row.
            var (user, _) = await SignedInTokensAsync();
            var id = await StoredSessions.UserIdAsync(Server, user);
            var deletion = Scim.DeleteAsync("/Users/" + id);
            var disabling = admin.SendAsync(HttpMethod.Post, $"/admin/v1/users/{id}/disable");
            answers.Add(((await deletion).Response.StatusCode, (await disabling).Status));
        }

        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Deleted), Is.All.EqualTo(HttpStatusCode.NoContent));
            Assert.That(answers.Select(a => a.Disabled), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.NotFound), "disabled first, or found deleted");
        });
    }

    [Test]
    public async Task A_groups_etag_moves_when_a_member_is_deleted_through_scim_or_the_admin_api()
    {
        var scimUser = await CreateUserAsync(NewUserName());
        var adminUser = await CreateUserAsync(NewUserName());
        var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}","members":[{"value":"{{scimUser}}"},{"value":"{{adminUser}}"}]}""");
        var groupId = group!["id"]!.GetValue<string>();
        var (first, _) = await Scim.GetAsync("/Groups/" + groupId);

        await Scim.DeleteAsync("/Users/" + scimUser);
        var (second, secondBody) = await Scim.GetAsync("/Groups/" + groupId);
        var (stale, staleBody) = await Scim.SendAsync(HttpMethod.Patch, "/Groups/" + groupId, ScimClient.Patch("""{"op":"replace","path":"externalId","value":"x"}"""),
            r => r.Headers.IfMatch.Add(first.Headers.ETag!));
        var admin = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersRead + " " + AdminScopes.UsersWrite));
        var deleted = await admin.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{adminUser}");
        var (third, thirdBody) = await Scim.GetAsync("/Groups/" + groupId);

        Assert.Multiple(() =>
        {
            Assert.That(Members(secondBody), Is.EqualTo(new[] { adminUser }));
            Assert.That(second.Headers.ETag, Is.Not.EqualTo(first.Headers.ETag));
            Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.NoContent), deleted.ToString());
            Assert.That(Members(thirdBody), Is.Empty);
            Assert.That(third.Headers.ETag, Is.Not.EqualTo(second.Headers.ETag));
        });
        AssertScimError(stale, staleBody, HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task An_operators_change_to_a_user_racing_a_groups_change_of_their_membership_is_made_on_the_fresh_user()
    {
        var id = await CreateUserAsync(NewUserName());
        var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}"}""");
        var groupId = group!["id"]!.GetValue<string>();
        var admin = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersRead + " " + AdminScopes.UsersWrite));
        var answers = new List<AdminReply>();
        for (var round = 0; round < 24; round++)
        {
            var membership = round % 2 == 0
                ? $$"""{"op":"add","path":"members","value":[{"value":"{{id}}"}]}"""
                : $$"""{"op":"remove","path":"members[value eq \"{{id}}\"]"}""";
            var patch = Scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch(membership));
            var change = admin.SendAsync(HttpMethod.Post, $"/admin/v1/users/{id}/{(round % 2 == 0 ? "disable" : "enable")}");
            var patchedPair = await patch;
            answers.Add(await change);
            var (patched, patchedBody) = (patchedPair.Item1, patchedPair.Item2);
            Assert.That(patched.IsSuccessStatusCode, Is.True, $"a group change without If-Match is made again on fresh data: {(int)patched.StatusCode} {patchedBody}");
        }

        var (_, user) = await Scim.GetAsync("/Users/" + id);
        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK), "a change that lost the race is made again on the fresh user");
            Assert.That(user!["active"]!.GetValue<bool>(), Is.True, "the last change, an enable, holds");
            Assert.That(user["groups"] as JsonArray ?? [], Is.Empty, "the last membership change, a removal, holds");
        });
    }

    private async Task<(System.Net.Http.Headers.EntityTagHeaderValue ETag, DateTimeOffset LastModified, List<string> Groups)> UserAsync(string id)
    {
        var (response, body) = await Scim.GetAsync("/Users/" + id);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var groups = (body!["groups"] as JsonArray ?? []).Select(g => g!["display"]!.GetValue<string>()).ToList();
        return (response.Headers.ETag!, DateTimeOffset.Parse(body["meta"]!["lastModified"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), groups);
    }

    /// <summary>A seed file's user entry, applied by the command line to the server's store as an operator would.</summary>
    private Task<AuthExecutable.Outcome> SeedUserAsync(string userName, string displayName, string email)
    {
        var path = Path.Combine(Server.Store.DataDirectory, $"seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { users = new[] { new { userName, displayName, email } } }));
        return AuthExecutable.RunAsync(Server.Store, "seed", "--file", path);
    }

    private async Task<Application.Results.Result<Application.Seed.SeedSummary>> SeedAsync(string first, string firstName, string second, string secondName)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Application.Seed.ApplySeed(new Application.Seed.SeedDocument
        {
            Users =
            [
                new Application.Users.UserDefinition { UserName = first, DisplayName = firstName, Password = "seeded-password-1" },
                new Application.Users.UserDefinition { UserName = second, DisplayName = secondName, Password = "seeded-password-2" },
            ],
        }));
    }

    private async Task<string> IdOfAsync(string userName)
    {
        var (_, found) = await Scim.GetAsync($"/Users?filter=userName eq \"{userName}\"");
        return found!["Resources"]![0]!["id"]!.GetValue<string>();
    }

    private static List<string> Displays(JsonObject? group) =>
        (group!["members"] as JsonArray ?? []).Select(m => m!["display"]!.GetValue<string>()).ToList();

    private static List<string> Members(JsonObject? group) =>
        (group!["members"] as JsonArray ?? []).Select(m => m!["value"]!.GetValue<string>()).ToList();
}
