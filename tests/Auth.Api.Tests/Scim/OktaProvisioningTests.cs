using System.Net;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Scim;

/// <summary>The request sequences of Okta's SCIM 2.0 test plan and provisioning (lookup, create, update, deactivate, group push).</summary>
public sealed class OktaProvisioningTests(StoreKind store) : ScimTest(store)
{
    [Test]
    public async Task Lookup_before_create_create_get_and_a_second_create_is_a_conflict()
    {
        var userName = NewUserName();
        var (lookup, empty) = await Scim.GetAsync($"/Users?filter={ScimClient.Filter($"userName eq \"{userName}\"")}&startIndex=1&count=100");
        Assert.Multiple(() =>
        {
            Assert.That(lookup.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(lookup.Content.Headers.ContentType?.MediaType, Is.EqualTo(ScimClient.MediaType));
            Assert.That(empty!["schemas"]![0]!.GetValue<string>(), Is.EqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
            Assert.That(empty["totalResults"]!.GetValue<int>(), Is.Zero);
            Assert.That(empty["startIndex"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(empty["itemsPerPage"]!.GetValue<int>(), Is.Zero);
            Assert.That(empty["Resources"]!.AsArray(), Is.Empty);
        });

        var (created, user) = await Scim.PostAsync("/Users", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","name":{"givenName":"Barbara","familyName":"Jensen"},
             "emails":[{"primary":true,"value":"{{userName}}","type":"work"}],"displayName":"Babs Jensen","locale":"en-US",
             "externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq-Secret","active":true}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), user?.ToJsonString());
            Assert.That(created.Headers.Location?.AbsoluteUri, Is.EqualTo($"{Server.BaseAddress}scim/v2/Users/{user!["id"]}"));
            Assert.That(created.Headers.ETag?.Tag, Is.Not.Empty);
            Assert.That(user["userName"]!.GetValue<string>(), Is.EqualTo(userName));
            Assert.That(user.ContainsKey("password"), Is.False, "password is write-only");
            Assert.That(user["meta"]!["resourceType"]!.GetValue<string>(), Is.EqualTo("User"));
            Assert.That(user["meta"]!["version"]!.GetValue<string>(), Is.EqualTo(created.Headers.ETag!.ToString()));
        });

        var (found, list) = await Scim.GetAsync($"/Users?filter={ScimClient.Filter($"userName eq \"{userName.ToUpperInvariant()}\"")}&startIndex=1&count=100");
        Assert.That(list!["totalResults"]!.GetValue<int>(), Is.EqualTo(1), "userName is case-insensitive");
        var (fetched, resource) = await Scim.GetAsync("/Users/" + user!["id"]);
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(resource!["emails"]![0]!["value"]!.GetValue<string>(), Is.EqualTo(userName));

        var (again, conflict) = await Scim.PostAsync("/Users", $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","active":true}""");
        AssertScimError(again, conflict, HttpStatusCode.Conflict, "uniqueness");
    }

    [Test]
    public async Task A_provisioned_user_with_a_password_signs_in_and_deactivation_by_patch_stops_it_but_get_still_finds_them()
    {
        var userName = NewUserName();
        var id = await CreateUserAsync(userName, password: Password);
        var (_, tokens) = await SignInAsync(userName);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp), Is.True);

        var (patched, user) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"replace","value":{"active":false}}"""));

        Assert.Multiple(async () =>
        {
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), user?.ToJsonString());
            Assert.That(user!["active"]!.GetValue<bool>(), Is.False);
            Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp), Is.False, "deactivation makes the user's tokens inactive");
            var (_, stillThere) = await Scim.GetAsync("/Users/" + id);
            Assert.That(stillThere!["active"]!.GetValue<bool>(), Is.False);
            var (_, filtered) = await Scim.GetAsync($"/Users?filter={ScimClient.Filter($"userName eq \"{userName}\"")}");
            Assert.That(filtered!["totalResults"]!.GetValue<int>(), Is.EqualTo(1), "a deactivated user is still returned by filters");
        });

        using var browser = NewBrowser();
        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        using var refused = await browser.SignInAsync(challenge, userName, Password);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the sign-in page is shown again");
    }

    [Test]
    public async Task Profile_updates_are_a_get_then_a_full_put_and_put_can_deactivate()
    {
        var userName = NewUserName();
        var id = await CreateUserAsync(userName);
        var (_, current) = await Scim.GetAsync("/Users/" + id);
        current!["name"]!["givenName"] = "Barb";
        current["title"] = "Engineer";
        current["active"] = false;
        current.Remove("meta");

        var (put, replaced) = await Scim.PutAsync("/Users/" + id, current.ToJsonString());

        Assert.Multiple(() =>
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), replaced?.ToJsonString());
            Assert.That(replaced!["name"]!["givenName"]!.GetValue<string>(), Is.EqualTo("Barb"));
            Assert.That(replaced["title"]!.GetValue<string>(), Is.EqualTo("Engineer"));
            Assert.That(replaced["active"]!.GetValue<bool>(), Is.False);
        });

        current.Remove("title");
        var (_, withoutTitle) = await Scim.PutAsync("/Users/" + id, current.ToJsonString());
        Assert.That(withoutTitle!.ContainsKey("title"), Is.False, "PUT replaces: an attribute left out is cleared");
    }

    [Test]
    public async Task Import_pages_of_100_are_stable_with_integer_counts()
    {
        var prefix = "page-" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 5; i++)
        {
            await CreateUserAsync($"{prefix}-{i}@example.com");
        }

        var seen = new List<string>();
        for (var start = 1; start <= 5; start += 2)
        {
            var (_, page) = await Scim.GetAsync($"/Users?filter={ScimClient.Filter($"userName sw \"{prefix}\"")}&startIndex={start}&count=2");
            Assert.Multiple(() =>
            {
                Assert.That(page!["totalResults"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number));
                Assert.That(page["totalResults"]!.GetValue<int>(), Is.EqualTo(5));
                Assert.That(page["startIndex"]!.GetValue<int>(), Is.EqualTo(start));
            });
            seen.AddRange(page!["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>()));
        }

        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}@example.com")), "every user once, in a stable order");
    }

    [Test]
    public async Task Group_push_create_rename_add_remove_replace_and_delete()
    {
        var alice = await CreateUserAsync(NewUserName());
        var bob = await CreateUserAsync(NewUserName());
        var (created, group) = await Scim.PostAsync("/Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test Group","members":[]}""");
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), group?.ToJsonString());
        var id = group!["id"]!.GetValue<string>();

        var (renamed, _) = await Scim.PatchAsync("/Groups/" + id, ScimClient.Patch($$$"""{"op":"replace","value":{"id":"{{{id}}}","displayName":"Renamed Group"}}"""));
        var (added, _) = await Scim.PatchAsync("/Groups/" + id, ScimClient.Patch($$$"""{"op":"add","path":"members","value":[{"value":"{{{alice}}}","display":"a"},{"value":"{{{bob}}}","display":"b"}]}"""));
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await MembersAsync(id), Is.EquivalentTo(new[] { alice, bob }));
        var (_, aliceResource) = await Scim.GetAsync("/Users/" + alice);
        Assert.That(aliceResource!["groups"]![0]!["display"]!.GetValue<string>(), Is.EqualTo("Renamed Group"), "a user's groups are derived");

        var (removed, _) = await Scim.PatchAsync("/Groups/" + id, ScimClient.Patch($$"""{"op":"remove","path":"members[value eq \"{{alice}}\"]"}"""));
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await MembersAsync(id), Is.EquivalentTo(new[] { bob }));

        var (replaced, _) = await Scim.PatchAsync("/Groups/" + id, ScimClient.Patch($$$"""{"op":"replace","path":"members","value":[{"value":"{{{alice}}}"}]}"""));
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await MembersAsync(id), Is.EquivalentTo(new[] { alice }));

        var (deleted, _) = await Scim.DeleteAsync("/Groups/" + id);
        var (gone, error) = await Scim.GetAsync("/Groups/" + id);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        AssertScimError(gone, error, HttpStatusCode.NotFound);
        var (_, aliceAfter) = await Scim.GetAsync("/Users/" + alice);
        Assert.That(aliceAfter!.ContainsKey("groups"), Is.False);
    }

    [Test]
    public async Task Deleting_a_user_returns_204_and_then_404()
    {
        var id = await CreateUserAsync(NewUserName());

        var (deleted, _) = await Scim.DeleteAsync("/Users/" + id);
        var (gone, error) = await Scim.GetAsync("/Users/" + id);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        AssertScimError(gone, error, HttpStatusCode.NotFound);
    }

    private async Task<string[]> MembersAsync(string groupId)
    {
        var (_, group) = await Scim.GetAsync("/Groups/" + groupId);
        return group!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).ToArray();
    }

    private async Task<(string UserName, System.Text.Json.JsonElement Tokens)> SignInAsync(string userName)
    {
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(userName, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);
        return (userName, await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier));
    }
}
