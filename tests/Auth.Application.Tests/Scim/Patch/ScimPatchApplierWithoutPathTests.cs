using static Auth.Application.Tests.Scim.Patch.PatchTestKit;

namespace Auth.Application.Tests.Scim.Patch;

/// <summary>
/// add and replace without a path (RFC 7644 §3.5.2.1, §3.5.2.3): the value is an object of attributes, with the
/// plain, dotted, URN-qualified and extension-object keys Okta and Microsoft Entra ID send.
/// </summary>
public sealed class ScimPatchApplierWithoutPathTests
{
    private const string Alice = """{"id": "u1", "userName": "alice", "name": {"givenName": "Alice", "familyName": "Smith"}, "active": true}""";

    [TestCase("add")]
    [TestCase("Replace")]
    public void Plain_keys_set_their_attributes(string op) =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op(op, null, """{"displayName": "Alice Smith", "active": false}""")),
            """{"id": "u1", "userName": "alice", "name": {"givenName": "Alice", "familyName": "Smith"}, "active": false, "displayName": "Alice Smith"}""");

    [Test]
    public void An_empty_path_counts_as_no_path() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("replace", string.Empty, """{"active": false}""")),
            """{"id": "u1", "userName": "alice", "name": {"givenName": "Alice", "familyName": "Smith"}, "active": false}""");

    [Test]
    public void A_complex_value_sets_only_the_sub_attributes_given() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("replace", null, """{"name": {"givenName": "Alicia"}}""")),
            """{"id": "u1", "userName": "alice", "name": {"givenName": "Alicia", "familyName": "Smith"}, "active": true}""");

    [Test]
    public void Dotted_keys_set_sub_attributes_and_leave_the_others_alone() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("replace", null, """{"name.givenName": "Alicia", "name.middleName": "J"}""")),
            """{"id": "u1", "userName": "alice", "name": {"givenName": "Alicia", "familyName": "Smith", "middleName": "J"}, "active": true}""");

    [Test]
    public void Dotted_keys_create_the_complex_attribute_when_missing() =>
        AssertJson(
            UserApplier.Applied(Json("""{"id": "u1", "userName": "alice"}"""), Op("add", null, """{"name.familyName": "Smith"}""")),
            """{"id": "u1", "userName": "alice", "name": {"familyName": "Smith"}}""");

    [Test]
    public void Urn_qualified_keys_set_extension_attributes() =>
        AssertJson(
            UserApplier.Applied(Json("""{"id": "u1"}"""), Op("replace", null, $$$"""{"{{{Enterprise}}}:employeeNumber": "701984", "{{{Enterprise}}}:manager.value": "m1"}""")),
            $$$"""{"id": "u1", "{{{Enterprise}}}": {"employeeNumber": "701984", "manager": {"value": "m1"} } }""");

    [Test]
    public void A_core_urn_qualified_key_sets_the_core_attribute() =>
        AssertJson(
            UserApplier.Applied(Json("""{"id": "u1", "userName": "alice"}"""), Op("replace", null, """{"urn:ietf:params:scim:schemas:core:2.0:User:userName": "bob"}""")),
            """{"id": "u1", "userName": "bob"}""");

    [Test]
    public void An_extension_object_key_sets_its_attributes_and_leaves_the_others_alone() =>
        AssertJson(
            UserApplier.Applied(
                Json($$$"""{"id": "u1", "{{{Enterprise}}}": {"department": "Sales", "costCenter": "4130"}}"""),
                Op("replace", null, $$$"""{"{{{Enterprise}}}": {"department": "x", "division": "North"}}""")),
            $$$"""{"id": "u1", "{{{Enterprise}}}": {"department": "x", "costCenter": "4130", "division": "North"}}""");

    [Test]
    public void An_extension_object_key_creates_the_extension_when_missing() =>
        AssertJson(
            UserApplier.Applied(Json("""{"id": "u1"}"""), Op("add", null, $$$"""{"{{{Enterprise}}}": {"department": "x"}}""")),
            $$$"""{"id": "u1", "{{{Enterprise}}}": {"department": "x"}}""");

    [Test]
    public void Plain_dotted_urn_qualified_and_extension_keys_mix_in_one_value() =>
        AssertJson(
            UserApplier.Applied(
                Json(Alice),
                Op("Replace", null, $$$"""
                    {
                      "displayName": "Alice Smith",
                      "name.givenName": "Alicia",
                      "{{{Enterprise}}}:employeeNumber": "701984",
                      "{{{Enterprise}}}": {"department": "x"}
                    }
                    """)),
            $$$"""
            {
              "id": "u1", "userName": "alice", "active": true, "displayName": "Alice Smith",
              "name": {"givenName": "Alicia", "familyName": "Smith"},
              "{{{Enterprise}}}": {"employeeNumber": "701984", "department": "x"}
            }
            """);

    [Test]
    public void Keys_match_in_any_case_and_keep_the_resource_spelling() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("replace", null, """{"USERNAME": "bob", "Name.GivenName": "Alicia", "ACTIVE": false}""")),
            """{"id": "u1", "userName": "bob", "name": {"givenName": "Alicia", "familyName": "Smith"}, "active": false}""");

    [Test]
    public void An_id_equal_to_the_resource_id_is_accepted_and_changes_nothing() =>
        AssertJson(
            GroupApplier.Applied(
                Json("""{"id": "g1", "displayName": "Staff"}"""),
                Op("replace", null, """{"id": "g1", "displayName": "All staff"}""")),
            """{"id": "g1", "displayName": "All staff"}""");

    [TestCase("\"g2\"")]
    [TestCase("\"G1\"")]
    [TestCase("null")]
    public void An_id_different_from_the_resource_id_is_a_mutability_error(string id) =>
        Assert.That(
            GroupApplier.Refused(Json("""{"id": "g1", "displayName": "Staff"}"""), Op("replace", null, $$$"""{"id": {{{id}}}, "displayName": "All staff"}""")).Code,
            Is.EqualTo("mutability"));

    [Test]
    public void Meta_and_schemas_keys_are_ignored() =>
        AssertJson(
            UserApplier.Applied(
                Json("""{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "u1", "userName": "alice", "meta": {"version": "W/\"1\""}}"""),
                Op("replace", null, """{"schemas": ["urn:example:other"], "meta": {"version": "W/\"9\""}, "userName": "bob"}""")),
            """{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "u1", "userName": "bob", "meta": {"version": "W/\"1\""}}""");

    [Test]
    public void A_read_only_key_other_than_id_meta_and_schemas_is_a_mutability_error() =>
        Assert.That(
            UserApplier.Refused(Json(Alice), Op("add", null, """{"displayName": "x", "groups": [{"value": "g1"}]}""")).Code,
            Is.EqualTo("mutability"));

    [Test]
    public void A_key_with_an_unknown_schema_urn_is_invalid_path() =>
        Assert.That(
            UserApplier.Refused(Json(Alice), Op("add", null, """{"urn:example:params:scim:schemas:extension:custom:2.0:User:badge": "x"}""")).Code,
            Is.EqualTo("invalidPath"));

    [TestCase("\"alice\"")]
    [TestCase("[{\"userName\": \"alice\"}]")]
    [TestCase(null)]
    public void A_value_that_is_not_an_object_is_invalid_syntax(string? value) =>
        Assert.That(UserApplier.Refused(Json(Alice), Op("replace", null, value)).Code, Is.EqualTo("invalidSyntax"));
}
