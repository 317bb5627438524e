using System.Text;
using Auth.Application.Scim;

namespace Auth.Application.Tests.Scim;

/// <summary>SCIM bodies must be I-JSON (RFC 7493) without NULs, checked before any tree is built.</summary>
public sealed class ScimJsonSyntaxTests
{
    [TestCase("""{"userName":"a","userName":"b"}""", "invalidSyntax", TestName = "A member twice")]
    [TestCase("""{"userName":"a","USERNAME":"b"}""", "invalidSyntax", TestName = "A member twice in another case")]
    [TestCase("""{"name":{"givenName":"a","givenName":"b"}}""", "invalidSyntax", TestName = "A member twice in a nested object")]
    [TestCase("""{"userName":"\ud800"}""", "invalidSyntax", TestName = "An escaped unpaired high surrogate")]
    [TestCase("""{"userName":"x\udc00"}""", "invalidSyntax", TestName = "An escaped unpaired low surrogate")]
    [TestCase("""{"\ud800":"x"}""", "invalidSyntax", TestName = "An unpaired surrogate in a name")]
    [TestCase("""{"userName":"a\u0000b"}""", "invalidValue", TestName = "A NUL in a value")]
    [TestCase("""{"a\u0000":"b"}""", "invalidValue", TestName = "A NUL in a name")]
    [TestCase("""{"userName":"a"} {}""", "invalidSyntax", TestName = "Two values")]
    [TestCase("""{"userName":""", "invalidSyntax", TestName = "Truncated")]
    public void Bodies_that_are_not_i_json_are_refused(string json, string scimType) =>
        Assert.That(ScimJsonSyntax.Violation(Encoding.UTF8.GetBytes(json))?.Code, Is.EqualTo(scimType));

    [Test]
    public void Invalid_utf8_bytes_are_refused() =>
        Assert.That(ScimJsonSyntax.Violation([.. "{\"a\":\""u8, 0xFF, .. "\"}"u8])?.Code, Is.EqualTo("invalidSyntax"));

    [Test]
    public void Nesting_beyond_the_limit_is_refused()
    {
        static byte[] Nested(int depth) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));

        Assert.That(ScimJsonSyntax.Violation(Nested(ScimJsonSyntax.MaxDepth)), Is.Null);
        Assert.That(ScimJsonSyntax.Violation(Nested(ScimJsonSyntax.MaxDepth + 1))?.Code, Is.EqualTo("invalidSyntax"));
    }

    [TestCase("""{"userName":"a","name":{"userName":"b"},"emails":[{"value":"x"},{"value":"y"}]}""", TestName = "The same name in different objects")]
    [TestCase("""{"displayName":"\ud83d\ude00"}""", TestName = "An escaped surrogate pair")]
    [TestCase("""{"userName":"jos\u00e9"}""", TestName = "An escaped letter")]
    public void Ordinary_bodies_pass(string json) =>
        Assert.That(ScimJsonSyntax.Violation(Encoding.UTF8.GetBytes(json)), Is.Null);

    [Test]
    public void A_byte_order_mark_is_ignored() =>
        Assert.That(ScimJsonSyntax.Violation([.. Encoding.UTF8.Preamble, .. "{\"a\":1}"u8]), Is.Null);
}
