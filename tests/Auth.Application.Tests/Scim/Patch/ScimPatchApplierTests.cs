using System.Text.Json.Nodes;
using Auth.Application.Scim.Patch;
using static Auth.Application.Tests.Scim.Patch.PatchTestKit;

namespace Auth.Application.Tests.Scim.Patch;

/// <summary>PATCH operations with a path at a simple or complex attribute (RFC 7644 §3.5.2), and the ways a PATCH is refused.</summary>
public sealed class ScimPatchApplierTests
{
    private const string Alice = """{"id": "u1", "userName": "alice", "displayName": "Alice", "active": true}""";

    [Test]
    public void Replace_sets_a_simple_attribute() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("replace", "displayName", "\"Alice Smith\"")),
            """{"id": "u1", "userName": "alice", "displayName": "Alice Smith", "active": true}""");

    [Test]
    public void Add_sets_a_simple_attribute_that_was_missing() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("add", "title", "\"Engineer\"")),
            """{"id": "u1", "userName": "alice", "displayName": "Alice", "active": true, "title": "Engineer"}""");

    [Test]
    public void Replace_of_a_missing_attribute_adds_it() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("replace", "nickName", "\"Al\"")),
            """{"id": "u1", "userName": "alice", "displayName": "Alice", "active": true, "nickName": "Al"}""");

    [Test]
    public void Replace_sets_a_boolean_attribute() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("replace", "active", "false")),
            """{"id": "u1", "userName": "alice", "displayName": "Alice", "active": false}""");

    [Test]
    public void Remove_deletes_a_simple_attribute() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("remove", "displayName")),
            """{"id": "u1", "userName": "alice", "active": true}""");

    [Test]
    public void Remove_of_a_missing_attribute_changes_nothing() =>
        AssertJson(UserApplier.Applied(Json(Alice), Op("remove", "title")), Alice);

    [TestCase("add", "title")]
    [TestCase("replace", "title")]
    [TestCase("Replace", "displayName")]
    [TestCase("add", "emails")]
    [TestCase("add", "emails[type eq \"work\"].value")]
    [TestCase("add", null)]
    [TestCase("replace", null)]
    public void Add_and_replace_without_a_value_are_refused_and_change_nothing(string op, string? path)
    {
        var resource = Json(Alice);
        resource["emails"] = JsonNode.Parse("""[{"value": "alice@example.com", "type": "work"}]""");
        var before = resource.ToJsonString();

        Assert.That(UserApplier.Refused(resource, Op(op, path)).Code, Is.EqualTo("invalidSyntax"), "RFC 7644 §3.5.2.1, §3.5.2.3");
        Assert.That(resource.ToJsonString(), Is.EqualTo(before));
    }

    [TestCase("title")]
    [TestCase("emails")]
    [TestCase("emails[type eq \"work\"]")]
    public void Add_with_a_null_value_is_refused(string path) =>
        Assert.That(UserApplier.Refused(Json(Alice), Op("add", path, "null")).Code, Is.EqualTo("invalidSyntax"));

    [Test]
    public void Replace_with_a_null_value_removes_the_attribute() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("replace", "displayName", "null")),
            """{"id": "u1", "userName": "alice", "active": true}""");

    [Test]
    public void Replace_with_a_null_value_of_a_read_only_attribute_is_refused() =>
        Assert.That(UserApplier.Refused(Json(Alice), Op("replace", "id", "null")).Code, Is.EqualTo("mutability"));

    [Test]
    public void A_remove_needs_no_value() =>
        Assert.That(UserApplier.Applied(Json(Alice), Op("remove", "active")).ContainsKey("active"), Is.False);

    [Test]
    public void A_value_made_primary_takes_primary_from_the_one_that_was()
    {
        var resource = Json("""{"id": "u1", "userName": "alice", "emails": [{"value": "a@example.com", "primary": true}, {"value": "c@example.com", "type": "work"}]}""");

        var added = UserApplier.Applied(resource, Op("add", "emails", """[{"value": "b@example.com", "primary": true}]"""));
        var filtered = UserApplier.Applied(resource, Op("replace", "emails[type eq \"work\"].primary", "true"));

        Assert.Multiple(() =>
        {
            Assert.That(Primaries(added), Is.EqualTo(new[] { "b@example.com" }), "RFC 7644 §3.5.2");
            Assert.That(Primaries(filtered), Is.EqualTo(new[] { "c@example.com" }));
        });
    }

    [Test]
    public void Values_made_primary_together_are_left_for_the_reading_to_refuse() =>
        Assert.That(
            Primaries(UserApplier.Applied(Json(Alice), Op("add", "emails", """[{"value": "a@example.com", "primary": true}, {"value": "b@example.com", "primary": true}]"""))),
            Has.Count.EqualTo(2));

    private static List<string> Primaries(JsonObject user) =>
        user["emails"]!.AsArray().Where(e => e!["primary"]?.GetValue<bool>() == true).Select(e => e!["value"]!.GetValue<string>()).ToList();

    [TestCase("replace")]
    [TestCase("Replace")]
    [TestCase("REPLACE")]
    [TestCase("add")]
    [TestCase("Add")]
    [TestCase("ADD")]
    public void Op_names_match_in_any_case(string op) =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op(op, "displayName", "\"Al\"")),
            """{"id": "u1", "userName": "alice", "displayName": "Al", "active": true}""");

    [TestCase("Remove")]
    [TestCase("REMOVE")]
    public void Remove_matches_in_any_case(string op) =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op(op, "displayName")),
            """{"id": "u1", "userName": "alice", "active": true}""");

    [Test]
    public void Operations_apply_in_order() =>
        AssertJson(
            UserApplier.Applied(
                Json(Alice),
                Op("replace", "displayName", "\"First\""),
                Op("replace", "displayName", "\"Second\""),
                Op("remove", "active")),
            """{"id": "u1", "userName": "alice", "displayName": "Second"}""");

    [Test]
    public void Sub_attribute_replace_leaves_the_other_sub_attributes_alone() =>
        AssertJson(
            UserApplier.Applied(
                Json("""{"id": "u1", "name": {"givenName": "Alice", "familyName": "Smith"}}"""),
                Op("replace", "name.givenName", "\"Alicia\"")),
            """{"id": "u1", "name": {"givenName": "Alicia", "familyName": "Smith"}}""");

    [TestCase("add")]
    [TestCase("replace")]
    public void Sub_attribute_path_creates_the_complex_attribute_when_missing(string op) =>
        AssertJson(
            UserApplier.Applied(Json("""{"id": "u1", "userName": "alice"}"""), Op(op, "name.givenName", "\"Alice\"")),
            """{"id": "u1", "userName": "alice", "name": {"givenName": "Alice"}}""");

    [Test]
    public void Sub_attribute_remove_leaves_the_other_sub_attributes_alone() =>
        AssertJson(
            UserApplier.Applied(
                Json("""{"id": "u1", "name": {"givenName": "Alice", "familyName": "Smith"}}"""),
                Op("remove", "name.familyName")),
            """{"id": "u1", "name": {"givenName": "Alice"}}""");

    [Test]
    public void Sub_attribute_remove_without_the_complex_attribute_changes_nothing() =>
        AssertJson(
            UserApplier.Applied(Json("""{"id": "u1", "userName": "alice"}"""), Op("remove", "name.familyName")),
            """{"id": "u1", "userName": "alice"}""");

    [Test]
    public void Replace_of_a_complex_attribute_sets_only_the_sub_attributes_given() =>
        AssertJson(
            UserApplier.Applied(
                Json("""{"id": "u1", "name": {"givenName": "Alice", "familyName": "Smith"}}"""),
                Op("replace", "name", """{"familyName": "Jones", "middleName": "J"}""")),
            """{"id": "u1", "name": {"givenName": "Alice", "familyName": "Jones", "middleName": "J"}}""");

    [Test]
    public void A_core_attribute_may_be_qualified_by_the_core_schema() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("replace", "urn:ietf:params:scim:schemas:core:2.0:User:userName", "\"alice2\"")),
            """{"id": "u1", "userName": "alice2", "displayName": "Alice", "active": true}""");

    [Test]
    public void An_extension_path_creates_the_extension_object_when_missing() =>
        AssertJson(
            UserApplier.Applied(Json("""{"id": "u1"}"""), Op("add", Enterprise + ":employeeNumber", "\"701984\"")),
            $$$"""{"id": "u1", "{{{Enterprise}}}": {"employeeNumber": "701984"}}""");

    [Test]
    public void An_extension_sub_attribute_path_leaves_the_other_extension_attributes_alone() =>
        AssertJson(
            UserApplier.Applied(
                Json($$$"""{"id": "u1", "{{{Enterprise}}}": {"department": "Sales", "manager": {"value": "m1", "displayName": "Bob"} } }"""),
                Op("replace", Enterprise + ":manager.value", "\"m2\"")),
            $$$"""{"id": "u1", "{{{Enterprise}}}": {"department": "Sales", "manager": {"value": "m2", "displayName": "Bob"} } }""");

    [Test]
    public void Removing_an_extension_attribute_without_the_extension_changes_nothing() =>
        AssertJson(UserApplier.Applied(Json(Alice), Op("remove", Enterprise + ":department")), Alice);

    [Test]
    public void Attribute_names_match_in_any_case_and_keep_the_resource_spelling()
    {
        var patched = UserApplier.Applied(Json(Alice), Op("replace", "USERNAME", "\"bob\""));

        AssertJson(patched, """{"id": "u1", "userName": "bob", "displayName": "Alice", "active": true}""");
        Assert.That(patched.Select(p => p.Key), Does.Contain("userName").And.Not.Contain("USERNAME"));
    }

    [Test]
    public void Sub_attribute_names_match_in_any_case_and_keep_the_resource_spelling() =>
        AssertJson(
            UserApplier.Applied(
                Json("""{"id": "u1", "name": {"givenName": "Alice", "familyName": "Smith"}}"""),
                Op("replace", "Name.GivenName", "\"Alicia\"")),
            """{"id": "u1", "name": {"givenName": "Alicia", "familyName": "Smith"}}""");

    [Test]
    public void Remove_matches_the_attribute_name_in_any_case() =>
        AssertJson(
            UserApplier.Applied(Json(Alice), Op("remove", "DISPLAYNAME")),
            """{"id": "u1", "userName": "alice", "active": true}""");

    [Test]
    public void The_extension_urn_matches_in_any_case() =>
        AssertJson(
            UserApplier.Applied(
                Json($$$"""{"id": "u1", "{{{Enterprise}}}": {"department": "Sales"}}"""),
                Op("replace", Enterprise.ToUpperInvariant() + ":Department", "\"Support\"")),
            $$$"""{"id": "u1", "{{{Enterprise}}}": {"department": "Support"}}""");

    [TestCase("replace", "id")]
    [TestCase("replace", "ID")]
    [TestCase("replace", "urn:ietf:params:scim:schemas:core:2.0:User:id")]
    [TestCase("add", "meta")]
    [TestCase("replace", "meta.lastModified")]
    [TestCase("remove", "meta")]
    [TestCase("add", "groups")]
    [TestCase("remove", "groups[value eq \"g1\"]")]
    [TestCase("replace", "schemas")]
    public void A_user_path_at_a_read_only_attribute_is_a_mutability_error(string op, string path)
    {
        var user = Json("""{"id": "u1", "userName": "alice", "groups": [{"value": "g1"}], "meta": {"lastModified": "2024-01-01"}}""");

        var error = UserApplier.Refused(user, Op(op, path, op == "remove" ? null : "\"x\""));

        Assert.That(error.Code, Is.EqualTo("mutability"));
    }

    [TestCase("id")]
    [TestCase("meta.version")]
    public void A_group_path_at_a_read_only_attribute_is_a_mutability_error(string path) =>
        Assert.That(GroupApplier.Refused(Json("""{"id": "g1", "displayName": "Staff"}"""), Op("replace", path, "\"x\"")).Code, Is.EqualTo("mutability"));

    [Test]
    public void Remove_without_a_path_is_no_target() =>
        Assert.That(UserApplier.Refused(Json(Alice), Op("remove", null, """{"displayName": "Alice"}""")).Code, Is.EqualTo("noTarget"));

    [TestCase("move")]
    [TestCase("copy")]
    [TestCase("")]
    [TestCase(null)]
    public void An_unknown_op_is_invalid_syntax(string? op) =>
        Assert.That(UserApplier.Refused(Json(Alice), Op(op, "displayName", "\"x\"")).Code, Is.EqualTo("invalidSyntax"));

    [Test]
    public void An_empty_operation_list_is_invalid_syntax() =>
        Assert.That(UserApplier.Refused(Json(Alice)).Code, Is.EqualTo("invalidSyntax"));

    [TestCase("emails[type eq")]
    [TestCase("emails[type eq \"work\"")]
    [TestCase("name.givenName.first")]
    [TestCase("   ")]
    public void A_malformed_path_is_invalid_path(string path) =>
        Assert.That(UserApplier.Refused(Json(Alice), Op("replace", path, "\"x\"")).Code, Is.EqualTo("invalidPath"));

    [TestCase("urn:example:params:scim:schemas:extension:custom:2.0:User:badge")]
    [TestCase("urn:ietf:params:scim:schemas:core:2.0:Group:displayName")]
    public void A_user_path_with_an_unknown_schema_urn_is_invalid_path(string path) =>
        Assert.That(UserApplier.Refused(Json(Alice), Op("replace", path, "\"x\"")).Code, Is.EqualTo("invalidPath"));

    [Test]
    public void A_group_path_with_the_enterprise_user_urn_is_invalid_path() =>
        Assert.That(
            GroupApplier.Refused(Json("""{"id": "g1", "displayName": "Staff"}"""), Op("add", Enterprise + ":department", "\"x\"")).Code,
            Is.EqualTo("invalidPath"));

    [Test]
    public void Apply_returns_a_new_object_and_leaves_the_input_unchanged()
    {
        var user = Json("""{"id": "u1", "userName": "alice", "name": {"givenName": "Alice"}, "emails": [{"value": "a@x.example", "type": "work"}]}""");
        var before = user.DeepClone();

        var patched = UserApplier.Applied(
            user,
            Op("replace", "name.givenName", "\"Alicia\""),
            Op("add", "emails", """[{"value": "b@x.example"}]"""),
            Op("remove", "userName"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(patched, Is.Not.SameAs(user));
            Assert.That(JsonNode.DeepEquals(user, before), Is.True, $"The input became {user.ToJsonString()}");
        }
    }

    private static readonly TestCaseData[] FailingSecondOperations =
    [
        new TestCaseData(Op("replace", "id", "\"u2\""), "mutability").SetName("Second operation targets a read-only attribute"),
        new TestCaseData(Op("replace", "emails[type eq \"home\"].value", "\"h@x.example\""), "noTarget").SetName("Second operation matches no value"),
        new TestCaseData(Op("remove", null), "noTarget").SetName("Second operation removes without a path"),
        new TestCaseData(Op("move", "userName", "\"x\""), "invalidSyntax").SetName("Second operation has an unknown op"),
        new TestCaseData(Op("add", "emails[type eq", "\"x\""), "invalidPath").SetName("Second operation has a malformed path"),
    ];

    [TestCaseSource(nameof(FailingSecondOperations))]
    public void When_the_second_operation_fails_the_error_is_returned_and_the_input_is_unchanged(
        ScimPatchOperation failing, string code)
    {
        var user = Json("""{"id": "u1", "userName": "alice", "name": {"givenName": "Alice"}, "emails": [{"value": "a@x.example", "type": "work"}]}""");
        var before = user.DeepClone();

        var error = UserApplier.Refused(user, Op("replace", "name.givenName", "\"Alicia\""), failing);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo(code));
            Assert.That(JsonNode.DeepEquals(user, before), Is.True, $"The input became {user.ToJsonString()}");
        }
    }
}
