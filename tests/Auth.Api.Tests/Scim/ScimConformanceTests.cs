using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Scim;

/// <summary>
/// What SCIM compliance suites check beyond the provisioning flows: errors in the SCIM schema for paths and methods
/// that do not exist, 501 for what is not supported, group displayNames unique per client, and extension-URN PATCH paths.
/// </summary>
public sealed class ScimConformanceTests(StoreKind store) : ScimTest(store)
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [TestCase("GET", "/Foo", HttpStatusCode.NotFound)]
    [TestCase("GET", "/Users/x/y", HttpStatusCode.NotFound)]
    [TestCase("POST", "/Groups/x/members", HttpStatusCode.NotFound)]
    [TestCase("DELETE", "/ServiceProviderConfig", HttpStatusCode.MethodNotAllowed)]
    [TestCase("PUT", "/Users", HttpStatusCode.MethodNotAllowed)]
    [TestCase("GET", "/Bulk", HttpStatusCode.MethodNotAllowed)]
    [TestCase("POST", "/.search", HttpStatusCode.NotImplemented)]
    [TestCase("POST", "/Bulk", HttpStatusCode.NotImplemented)]
    public async Task Paths_and_methods_that_do_not_exist_answer_in_the_scim_error_schema(string method, string path, HttpStatusCode status)
    {
        var (response, body) = await Scim.SendAsync(new HttpMethod(method), path, method is "POST" or "PUT" ? "{}" : null);

        AssertScimError(response, body, status);
    }

    [Test]
    public async Task An_unknown_path_without_a_token_is_also_in_the_scim_schema()
    {
        var (response, body) = await new ScimClient(Server.Client, "not-a-token").GetAsync("/Foo");

        AssertScimError(response, body, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Group_display_names_are_unique_per_client_ignoring_case_on_create_replace_and_patch()
    {
        var name = "Team " + Guid.NewGuid().ToString("N")[..8];
        var (_, first) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{name}}"}""");
        var (_, second) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{name}} 2"}""");
        var secondId = (string)second!["id"]!;
        var other = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.OtherScimClient, "scim"));

        var (created, createdBody) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{name.ToUpperInvariant()}}"}""");
        var (replaced, replacedBody) = await Scim.PutAsync("/Groups/" + secondId, $$"""{"displayName":" {{name}}"}""");
        var (patched, patchedBody) = await Scim.PatchAsync("/Groups/" + secondId, ScimClient.Patch($$"""{"op":"replace","path":"displayName","value":"{{name.ToLowerInvariant()}}"}"""));
        var (elsewhere, elsewhereBody) = await other.PostAsync("/Groups", $$"""{"displayName":"{{name}}"}""");
        var (renamedItself, _) = await Scim.PatchAsync("/Groups/" + (string)first!["id"]!, ScimClient.Patch($$"""{"op":"replace","path":"displayName","value":"{{name.ToUpperInvariant()}}"}"""));

        AssertScimError(created, createdBody, HttpStatusCode.Conflict, "uniqueness");
        AssertScimError(replaced, replacedBody, HttpStatusCode.Conflict, "uniqueness");
        AssertScimError(patched, patchedBody, HttpStatusCode.Conflict, "uniqueness");
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Created), "another provisioning client has names of its own: " + elsewhereBody?.ToJsonString());
        Assert.That(renamedItself.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "a group may change the case of its own name");
    }

    [Test]
    public async Task An_over_long_group_name_or_external_id_is_invalidValue()
    {
        var (name, nameBody) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{new string('g', 257)}}"}""");
        var (externalId, externalIdBody) = await Scim.PostAsync("/Groups", $$"""{"displayName":"g","externalId":"{{new string('e', 257)}}"}""");

        AssertScimError(name, nameBody, HttpStatusCode.BadRequest, "invalidValue");
        AssertScimError(externalId, externalIdBody, HttpStatusCode.BadRequest, "invalidValue");
    }

    [Test]
    public async Task Of_concurrent_creates_with_one_display_name_exactly_one_succeeds()
    {
        var name = "Race " + Guid.NewGuid().ToString("N")[..8];

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Scim.PostAsync("/Groups", $$"""{"displayName":"{{(i % 2 == 0 ? name : name.ToUpperInvariant())}}"}""")));

        Assert.That(responses.Count(r => r.Response.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        foreach (var (response, body) in responses.Where(r => r.Response.StatusCode != HttpStatusCode.Created))
        {
            AssertScimError(response, body, HttpStatusCode.Conflict, "uniqueness");
        }

        var (_, found) = await Scim.GetAsync("/Groups?filter=" + ScimClient.Filter($"displayName eq \"{name}\""));
        Assert.That(found!["totalResults"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_patch_whose_path_is_the_enterprise_extension_sets_merges_and_clears_it()
    {
        var manager = await CreateUserAsync(NewUserName());
        var id = await CreateUserAsync(NewUserName());

        var (added, afterAdd) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch(
            $$"""{"op":"Add","path":"{{Enterprise}}","value":{"department":"Tours","employeeNumber":"701984","manager":{"value":"{{manager}}"} } }"""));
        var (replaced, afterReplace) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch(
            $$"""{"op":"Replace","path":"{{Enterprise}}","value":{"department":"Tour Operations"} }"""));
        var (removed, afterRemove) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch($$"""{"op":"Remove","path":"{{Enterprise}}"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK), afterAdd?.ToJsonString());
            Assert.That((string)afterAdd![Enterprise]!["employeeNumber"]!, Is.EqualTo("701984"));
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), afterReplace?.ToJsonString());
            Assert.That((string)afterReplace![Enterprise]!["department"]!, Is.EqualTo("Tour Operations"));
            Assert.That((string)afterReplace[Enterprise]!["employeeNumber"]!, Is.EqualTo("701984"), "attributes the value does not name stay");
            Assert.That((string)afterReplace[Enterprise]!["manager"]!["value"]!, Is.EqualTo(manager));
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.OK), afterRemove?.ToJsonString());
            Assert.That(afterRemove!.ContainsKey(Enterprise), Is.False, "remove clears the extension");
        });
    }
}
