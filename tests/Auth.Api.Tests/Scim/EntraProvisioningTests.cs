using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Scim;

/// <summary>What Microsoft Entra ID's provisioning service sends, shape for shape.</summary>
public sealed class EntraProvisioningTests(StoreKind store) : ScimTest(store)
{
    [Test]
    public async Task Test_connection_with_a_random_filter_gets_an_empty_list()
    {
        var (users, userList) = await Scim.GetAsync($"/Users?filter={ScimClient.Filter($"userName eq \"{Guid.NewGuid()}\"")}");
        var (groups, groupList) = await Scim.GetAsync($"/Groups?excludedAttributes=members&filter={ScimClient.Filter($"displayName eq \"{Guid.NewGuid()}\"")}");

        Assert.Multiple(() =>
        {
            Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(groups.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(userList!["totalResults"]!.GetValue<int>(), Is.Zero);
            Assert.That(groupList!["Resources"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public async Task Lookups_by_user_name_external_id_and_work_email()
    {
        var userName = NewUserName();
        var externalId = Guid.NewGuid().ToString();
        var id = await CreateUserAsync(userName, externalId);

        foreach (var filter in new[]
                 {
                     $"userName eq \"{userName}\"",
                     $"externalId eq \"{externalId}\"",
                     $"emails[type eq \"work\"].value eq \"{userName.ToUpperInvariant()}\"",
                 })
        {
            var (_, list) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter(filter));
            Assert.That(list!["Resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()), Is.EqualTo(new[] { id }), filter);
        }
    }

    [Test]
    public async Task Patch_with_capitalised_ops_string_booleans_and_dotted_and_urn_keys()
    {
        var id = await CreateUserAsync(NewUserName());
        var manager = await CreateUserAsync(NewUserName());

        var (patched, user) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch(
            """{"op":"Replace","path":"active","value":"False"}""",
            """{"op":"Add","value":{"name.givenName":"Babs","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"701984","title":"Tour Guide"}}""",
            """{"op":"Replace","path":"emails[type eq \"work\"].value","value":"changed@example.com"}""",
            $$"""{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"{{manager}}"}""",
            """{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Tour Operations"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), user?.ToJsonString());
            Assert.That(user!["active"]!.GetValue<bool>(), Is.False);
            Assert.That(user["name"]!["givenName"]!.GetValue<string>(), Is.EqualTo("Babs"));
            Assert.That(user["name"]!["familyName"]!.GetValue<string>(), Is.EqualTo("Jensen"), "sub-attributes not named stay");
            Assert.That(user["title"]!.GetValue<string>(), Is.EqualTo("Tour Guide"));
            Assert.That(user["emails"]![0]!["value"]!.GetValue<string>(), Is.EqualTo("changed@example.com"));
            var enterprise = user["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!;
            Assert.That(enterprise["employeeNumber"]!.GetValue<string>(), Is.EqualTo("701984"));
            Assert.That(enterprise["department"]!.GetValue<string>(), Is.EqualTo("Tour Operations"));
            Assert.That(enterprise["manager"]!["value"]!.GetValue<string>(), Is.EqualTo(manager));
        });

        var (reactivated, again) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"active","value":true}"""));
        Assert.That(again!["active"]!.GetValue<bool>(), Is.True, "real booleans work too");
        Assert.That(reactivated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Group_create_with_the_entra_schema_member_add_with_null_ref_and_both_removal_forms()
    {
        var first = await CreateUserAsync(NewUserName());
        var second = await CreateUserAsync(NewUserName());
        var displayName = "Group " + Guid.NewGuid().ToString("N")[..8];
        var (created, group) = await Scim.PostAsync("/Groups", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
             "externalId":"{{Guid.NewGuid()}}","displayName":"{{displayName}}","members":[]}
            """);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), group?.ToJsonString());
        var id = group!["id"]!.GetValue<string>();

        var (lookup, found) = await Scim.GetAsync($"/Groups?excludedAttributes=members&filter={ScimClient.Filter($"displayName eq \"{displayName}\"")}");
        Assert.That(found!["Resources"]![0]!["id"]!.GetValue<string>(), Is.EqualTo(id));
        Assert.That(found["Resources"]![0]!.AsObject().ContainsKey("members"), Is.False);
        Assert.That(lookup.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var (added, _) = await Scim.PatchAsync("/Groups/" + id, ScimClient.Patch(
            $$$"""{"op":"Add","path":"members","value":[{"$ref":null,"value":"{{{first}}}"}]}""",
            $$$"""{"op":"Add","path":"members","value":[{"$ref":null,"value":"{{{second}}}"}]}"""));
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var (removedByValue, _) = await Scim.PatchAsync("/Groups/" + id, ScimClient.Patch($$$"""{"op":"Remove","path":"members","value":[{"value":"{{{first}}}"}]}"""));
        var (_, afterFirst) = await Scim.GetAsync("/Groups/" + id);
        Assert.That(removedByValue.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(afterFirst!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()), Is.EqualTo(new[] { second }));

        var (removedByFilter, _) = await Scim.PatchAsync("/Groups/" + id, ScimClient.Patch($$"""{"op":"Remove","path":"members[value eq \"{{second}}\"]"}"""));
        var (_, afterSecond) = await Scim.GetAsync("/Groups/" + id);
        Assert.That(removedByFilter.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(afterSecond!["members"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Two_users_may_share_an_externalId_as_entra_maps_it_from_mailNickname()
    {
        var externalId = "jsmith-" + Guid.NewGuid().ToString("N")[..8];
        var (firstCreated, first) = await Scim.PostAsync("/Users", $$"""{"userName":"{{NewUserName()}}","externalId":"{{externalId}}","active":true}""");
        var (secondCreated, second) = await Scim.PostAsync("/Users", $$"""{"userName":"{{NewUserName()}}","externalId":"{{externalId}}","active":true}""");
        Assert.That(firstCreated.StatusCode, Is.EqualTo(HttpStatusCode.Created), first?.ToJsonString());
        Assert.That(secondCreated.StatusCode, Is.EqualTo(HttpStatusCode.Created), second?.ToJsonString());
        var ids = new[] { (string)first!["id"]!, (string)second!["id"]! };

        var (_, found) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter($"externalId eq \"{externalId}\""));
        var (patched, patchedUser) = await Scim.PatchAsync("/Users/" + ids[1], ScimClient.Patch("""{"op":"Replace","path":"displayName","value":"John Smith (2)"}"""));
        var (_, untouched) = await Scim.GetAsync("/Users/" + ids[0]);

        Assert.Multiple(() =>
        {
            Assert.That(found!["Resources"]!.AsArray().Select(r => (string)r!["id"]!), Is.EquivalentTo(ids), "a filter returns every user with the externalId");
            Assert.That(found["totalResults"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), patchedUser?.ToJsonString());
            Assert.That(untouched!.ContainsKey("displayName"), Is.False, "the other user with the externalId is left alone");
        });
    }
}
