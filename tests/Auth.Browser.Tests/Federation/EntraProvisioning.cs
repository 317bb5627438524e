using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Browser.Tests.Federation;

/// <summary>
/// Microsoft Entra ID's provisioning service on the wire: it looks a person or group up by name before creating it,
/// sends its own schemas and string booleans, adds members one PATCH at a time, and deactivates rather than deletes.
/// </summary>
public sealed class EntraProvisioning(ScimClient scim)
{
    /// <summary>Creates a person with the object id as externalId (Entra's default mapping) and returns the local id.</summary>
    public async Task<string> CreateUserAsync(string userName, string objectId, string givenName, string familyName)
    {
        var (lookup, found) = await scim.GetAsync("/Users?filter=" + ScimClient.Filter($"userName eq \"{userName}\""));
        Assert.That(lookup.StatusCode, Is.EqualTo(HttpStatusCode.OK), found?.ToJsonString());
        var (created, user) = await scim.PostAsync("/Users", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "externalId":"{{objectId}}","userName":"{{userName}}","active":true,
             "emails":[{"primary":true,"type":"work","value":"{{userName}}"}],
             "meta":{"resourceType":"User"},
             "name":{"formatted":"{{givenName}} {{familyName}}","familyName":"{{familyName}}","givenName":"{{givenName}}"},
             "displayName":"{{givenName}} {{familyName}}","roles":[]}
            """);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), user?.ToJsonString());
        return (string)user!["id"]!;
    }

    /// <summary>Creates a group without members, then adds each member as Entra does; returns the local id.</summary>
    public async Task<string> CreateGroupAsync(string displayName, params string[] memberIds)
    {
        var (lookup, found) = await scim.GetAsync("/Groups?excludedAttributes=members&filter=" + ScimClient.Filter($"displayName eq \"{displayName}\""));
        Assert.That(lookup.StatusCode, Is.EqualTo(HttpStatusCode.OK), found?.ToJsonString());
        var (created, group) = await scim.PostAsync("/Groups", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
             "externalId":"{{Guid.NewGuid()}}","displayName":"{{displayName}}","meta":{"resourceType":"Group"},"members":[]}
            """);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), group?.ToJsonString());
        var id = (string)group!["id"]!;
        foreach (var member in memberIds)
        {
            var (added, body) = await scim.PatchAsync("/Groups/" + id, ScimClient.Patch(
                $$$"""{"op":"Add","path":"members","value":[{"$ref":null,"value":"{{{member}}}"}]}"""));
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), body?.ToJsonString());
        }

        return id;
    }

    /// <summary>What Entra sends when a person leaves a group: a remove with the member in the value.</summary>
    public async Task RemoveMemberAsync(string groupId, string userId)
    {
        var (removed, body) = await scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch(
            $$$"""{"op":"Remove","path":"members","value":[{"value":"{{{userId}}}"}]}"""));
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), body?.ToJsonString());
    }

    /// <summary>What Entra sends when a person is unassigned or disabled: active "False", as a string.</summary>
    public async Task DeactivateAsync(string userId)
    {
        var (patched, user) = await scim.PatchAsync("/Users/" + userId, ScimClient.Patch("""{"op":"Replace","path":"active","value":"False"}"""));
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), user?.ToJsonString());
    }
}
