using System.Net;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Scim;

/// <summary>Functional SCIM tests: a provisioning client with a real token against the real server and store.</summary>
public abstract class ScimTest(StoreKind store) : UserFlowTest(store)
{
    private ScimClient? _scim;

    protected ScimClient Scim => _scim ?? throw new InvalidOperationException("Not set up.");

    [SetUp]
    public async Task GetProvisioningToken() =>
        _scim = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim"));

    protected static string NewUserName() => "scim-" + Guid.NewGuid().ToString("N")[..10] + "@example.com";

    /// <summary>Creates a user the way Okta does and returns its id.</summary>
    protected async Task<string> CreateUserAsync(string userName, string? externalId = null, string? password = null, ScimClient? client = null)
    {
        var (response, body) = await (client ?? Scim).PostAsync("/Users", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}",
             "name":{"givenName":"Barbara","familyName":"Jensen"},"emails":[{"primary":true,"value":"{{userName}}","type":"work"}],
             "displayName":"Babs Jensen","locale":"en-US","externalId":"{{externalId ?? Guid.NewGuid().ToString("N")}}","groups":[],
             {{(password is null ? "" : $"\"password\":\"{password}\",")}}"active":true}
            """);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body?.ToJsonString());
        return (string)body!["id"]!;
    }

    protected static void AssertScimError(HttpResponseMessage response, JsonObject? body, HttpStatusCode status, string? scimType = null)
    {
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body?.ToJsonString());
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(ScimClient.MediaType));
            Assert.That(body?["schemas"]?[0]?.GetValue<string>(), Is.EqualTo("urn:ietf:params:scim:api:messages:2.0:Error"));
            Assert.That(body?["status"]?.GetValue<string>(), Is.EqualTo(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(body?["error"]?.GetValue<string>(), Is.Not.Empty);
            Assert.That(body?["error_description"]?.GetValue<string>(), Is.Not.Empty);
            if (scimType is not null)
            {
                Assert.That(body?["scimType"]?.GetValue<string>(), Is.EqualTo(scimType));
            }
        });
    }
}
