using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Application.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// The administrator role of the admin console, granted and withdrawn by the admin API (its own scope,
/// admin.roles.write, never admin.users.write), the command line and the seed file, and shown on the user.
/// </summary>
public sealed class AdminUserRoleTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task The_role_routes_need_their_own_scope_and_grant_withdraw_and_show_the_role()
    {
        var user = await CreateUserAsync();
        var userId = await StoredSessions.UserIdAsync(Server, user);
        var rolesKeeper = await RegisterOwnClientAsync("roles", [AdminScopes.RolesWrite]);
        var roles = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(rolesKeeper, AdminScopes.RolesWrite));
        var usersWriter = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersRead + " " + AdminScopes.UsersWrite));
        var path = $"/admin/v1/users/{userId}/roles/admin";

        var byUsersWriter = await usersWriter.SendAsync(HttpMethod.Put, path);
        var granted = await roles.SendAsync(HttpMethod.Put, path);
        var grantedAgain = await roles.SendAsync(HttpMethod.Put, path);
        var shown = await usersWriter.GetAsync("/admin/v1/users/" + userId);
        var unknownRole = await roles.SendAsync(HttpMethod.Put, $"/admin/v1/users/{userId}/roles/superuser");
        var unknownUser = await roles.SendAsync(HttpMethod.Put, "/admin/v1/users/no-such-user/roles/admin");
        var withdrawn = await roles.SendAsync(HttpMethod.Delete, path);
        var shownAfter = await usersWriter.GetAsync("/admin/v1/users/" + userId);

        Assert.Multiple(() =>
        {
            Assert.That(byUsersWriter.Status, Is.EqualTo(HttpStatusCode.Forbidden), "admin.users.write cannot make administrators");
            Assert.That(granted.Status, Is.EqualTo(HttpStatusCode.NoContent), granted.Text);
            Assert.That(grantedAgain.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(shown.Body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "admin" }));
            Assert.That(unknownRole.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknownRole.Error, Is.EqualTo("invalid_request"));
            Assert.That(unknownUser.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(withdrawn.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(shownAfter.Body.GetProperty("roles").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task The_command_line_grants_and_withdraws_the_role_and_a_seed_entry_without_roles_keeps_it()
    {
        var user = await CreateUserAsync();
        var userId = await StoredSessions.UserIdAsync(Server, user);

        var granted = await AuthExecutable.RunAsync(Server.Store, "users", "role", "grant", "--name", user);
        var afterGrant = await IsAdministratorAsync(userId);
        using (var scope = Server.Services.CreateScope())
        {
            // A seed entry that does not name roles (as every seed file before roles) leaves the role alone.
            var reseeded = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterUser(new UserDefinition { UserName = user, Email = user + "@example.com" }, ReplaceExisting: true));
            Assert.That(reseeded.Succeeded, Is.True);
        }

        var afterReseed = await IsAdministratorAsync(userId);
        var unknown = await AuthExecutable.RunAsync(Server.Store, "users", "role", "grant", "--name", user, "--role", "root");
        var withdrawn = await AuthExecutable.RunAsync(Server.Store, "users", "role", "withdraw", "--name", user);

        Assert.Multiple(async () =>
        {
            Assert.That(granted.ExitCode, Is.Zero, granted.Error);
            Assert.That(granted.Output, Does.Contain("now holds the admin role"));
            Assert.That(afterGrant, Is.True);
            Assert.That(afterReseed, Is.True);
            Assert.That(unknown.ExitCode, Is.Not.Zero);
            Assert.That(unknown.Error, Does.Contain("role"));
            Assert.That(withdrawn.ExitCode, Is.Zero, withdrawn.Error);
            Assert.That(await IsAdministratorAsync(userId), Is.False);
        });
    }

    private async Task<bool> IsAdministratorAsync(string userId)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new IsConsoleAdministrator(userId));
    }
}
