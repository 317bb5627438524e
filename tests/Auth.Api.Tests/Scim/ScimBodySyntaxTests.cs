using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Scim;

/// <summary>
/// SCIM bodies are I-JSON (RFC 7493): a member twice in one object, an unpaired surrogate or invalid UTF-8 is 400
/// invalidSyntax, a NUL is 400 invalidValue, on every SCIM write, and nothing is written.
/// </summary>
public sealed class ScimBodySyntaxTests(StoreKind store) : ScimTest(store)
{
    [TestCase("""{"userName":"dup-{0}@example.com","userName":"other-{0}@example.com"}""", "invalidSyntax")]
    [TestCase("""{"userName":"dup-{0}@example.com","USERNAME":"other-{0}@example.com"}""", "invalidSyntax")]
    [TestCase("""{"userName":"dup-{0}@example.com","name":{"givenName":"a","givenName":"b"}}""", "invalidSyntax")]
    [TestCase("""{"userName":"\ud800-{0}@example.com"}""", "invalidSyntax")]
    [TestCase("""{"userName":"dup-{0}@example.com","displayName":"a\udc00b"}""", "invalidSyntax")]
    [TestCase("""{"userName":"dup-{0}@example.com","\ud83d":"x"}""", "invalidSyntax")]
    [TestCase("""{"userName":"dup-{0}\u0000@example.com"}""", "invalidValue")]
    public async Task A_user_body_that_is_not_i_json_is_refused_and_nothing_is_created(string template, string scimType)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];

        var (response, body) = await Scim.PostAsync("/Users", template.Replace("{0}", marker, StringComparison.Ordinal));
        var (_, found) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter($"userName co \"{marker}\""));

        AssertScimError(response, body, HttpStatusCode.BadRequest, scimType);
        Assert.That(found!["totalResults"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task Raw_invalid_utf8_in_a_string_is_invalidSyntax()
    {
        var json = Encoding.UTF8.GetBytes("""{"userName":"raw-X@example.com"}""");
        json[json.AsSpan().IndexOf((byte)'X')] = 0xFF;

        var (response, body) = await Scim.SendAsync(HttpMethod.Post, "/Users", configure: r =>
        {
            r.Content = new ByteArrayContent(json);
            r.Content.Headers.ContentType = new MediaTypeHeaderValue(ScimClient.MediaType);
        });

        AssertScimError(response, body, HttpStatusCode.BadRequest, "invalidSyntax");
    }

    [Test]
    public async Task Patch_replace_and_group_bodies_are_checked_the_same_way()
    {
        var id = await CreateUserAsync(NewUserName());
        var (patched, patchBody) = await Scim.PatchAsync("/Users/" + id,
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[],"Operations":[{"op":"replace","path":"title","value":"x"}]}""");
        var (replaced, replaceBody) = await Scim.PutAsync("/Users/" + id, $$"""{"userName":"{{NewUserName()}}","title":"\udfff"}""");
        var (group, groupBody) = await Scim.PostAsync("/Groups", """{"displayName":"g","displayName":"h"}""");
        var (search, searchBody) = await Scim.PostAsync("/Users/.search", """{"filter":"userName eq \"\ud800\""}""");

        AssertScimError(patched, patchBody, HttpStatusCode.BadRequest, "invalidSyntax");
        AssertScimError(replaced, replaceBody, HttpStatusCode.BadRequest, "invalidSyntax");
        AssertScimError(group, groupBody, HttpStatusCode.BadRequest, "invalidSyntax");
        AssertScimError(search, searchBody, HttpStatusCode.BadRequest, "invalidSyntax");
    }

    [Test]
    public async Task A_byte_order_mark_and_escaped_surrogate_pairs_are_fine()
    {
        var userName = NewUserName();
        var json = Encoding.UTF8.GetBytes($$"""{"userName":"{{userName}}","displayName":"\ud83d\ude00"}""");

        var (response, body) = await Scim.SendAsync(HttpMethod.Post, "/Users", configure: r =>
        {
            r.Content = new ByteArrayContent([.. Encoding.UTF8.Preamble, .. json]);
            r.Content.Headers.ContentType = new MediaTypeHeaderValue(ScimClient.MediaType);
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body?.ToJsonString());
        Assert.That(body!["displayName"]!.GetValue<string>(), Is.EqualTo("😀"));
    }

    [Test]
    public async Task A_nul_in_a_filter_or_an_id_is_a_client_error()
    {
        var (filter, filterBody) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter("userName eq \"a\0b\""));
        var (id, _) = await Scim.GetAsync("/Users/a%00b");

        AssertScimError(filter, filterBody, HttpStatusCode.BadRequest, "invalidValue");
        Assert.That((int)id.StatusCode, Is.InRange(400, 499));
    }
}
