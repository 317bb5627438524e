using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Scim;

/// <summary>The uniqueness rules turned the other way from their defaults: externalId unique per client, group names free.</summary>
public sealed class ScimUniquenessSettingsTests(StoreKind store) : ScimTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scim:UniqueExternalId"] = "true",
        ["Scim:UniqueGroupDisplayName"] = "false",
    };

    [Test]
    public async Task With_unique_external_ids_a_clients_second_user_with_one_is_a_conflict_but_another_clients_is_not()
    {
        var externalId = Guid.NewGuid().ToString();
        await CreateUserAsync(NewUserName(), externalId);
        var other = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.OtherScimClient, "scim"));

        var (sameClient, conflict) = await Scim.PostAsync("/Users", $$"""{"userName":"{{NewUserName()}}","externalId":"{{externalId}}"}""");
        var (otherClient, created) = await other.PostAsync("/Users", $$"""{"userName":"{{NewUserName()}}","externalId":"{{externalId}}"}""");
        var (group, _) = await Scim.PostAsync("/Groups", $$"""{"displayName":"g-{{externalId}}","externalId":"{{externalId}}"}""");
        var (secondGroup, groupConflict) = await Scim.PostAsync("/Groups", $$"""{"displayName":"h-{{externalId}}","externalId":"{{externalId}}"}""");

        AssertScimError(sameClient, conflict, HttpStatusCode.Conflict, "uniqueness");
        Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.Created), created?.ToJsonString());
        Assert.That(group.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        AssertScimError(secondGroup, groupConflict, HttpStatusCode.Conflict, "uniqueness");
    }

    [Test]
    public async Task Without_unique_group_names_two_groups_may_share_one()
    {
        var name = "Team " + Guid.NewGuid().ToString("N")[..8];

        var (first, _) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{name}}"}""");
        var (second, body) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{name}}"}""");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created), body?.ToJsonString());
    }
}
