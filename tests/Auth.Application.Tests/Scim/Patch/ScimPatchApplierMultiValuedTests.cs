using static Auth.Application.Tests.Scim.Patch.PatchTestKit;

namespace Auth.Application.Tests.Scim.Patch;

/// <summary>Multi-valued attributes: value-filter paths (RFC 7644 §3.5.2), adding without duplicates, and removing listed members.</summary>
public sealed class ScimPatchApplierMultiValuedTests
{
    private const string Emails = """
        {"id": "u1", "emails": [
          {"value": "alice@work.example", "type": "work", "primary": true},
          {"value": "alice@home.example", "type": "home"}
        ]}
        """;

    private const string Staff = """
        {"id": "g1", "displayName": "Staff", "members": [
          {"value": "u1", "display": "Alice"},
          {"value": "u2", "display": "Bob"},
          {"value": "u3", "display": "Carol"}
        ]}
        """;

    [Test]
    public void Replace_at_a_filtered_sub_attribute_changes_only_the_matching_value() =>
        AssertJson(
            UserApplier.Applied(Json(Emails), Op("replace", "emails[type eq \"work\"].value", "\"alice@new.example\"")),
            """
            {"id": "u1", "emails": [
              {"value": "alice@new.example", "type": "work", "primary": true},
              {"value": "alice@home.example", "type": "home"}
            ]}
            """);

    [Test]
    public void The_value_filter_compares_names_and_strings_in_any_case() =>
        AssertJson(
            UserApplier.Applied(Json(Emails), Op("replace", "EMAILS[TYPE eq \"WORK\"].VALUE", "\"alice@new.example\"")),
            """
            {"id": "u1", "emails": [
              {"value": "alice@new.example", "type": "work", "primary": true},
              {"value": "alice@home.example", "type": "home"}
            ]}
            """);

    [Test]
    public void Add_at_a_filtered_sub_attribute_sets_it_on_the_matching_value() =>
        AssertJson(
            UserApplier.Applied(Json(Emails), Op("add", "emails[type eq \"home\"].display", "\"Home\"")),
            """
            {"id": "u1", "emails": [
              {"value": "alice@work.example", "type": "work", "primary": true},
              {"value": "alice@home.example", "type": "home", "display": "Home"}
            ]}
            """);

    [Test]
    public void Remove_at_a_filtered_sub_attribute_removes_it_from_the_matching_value() =>
        AssertJson(
            UserApplier.Applied(Json(Emails), Op("remove", "emails[type eq \"work\"].primary")),
            """
            {"id": "u1", "emails": [
              {"value": "alice@work.example", "type": "work"},
              {"value": "alice@home.example", "type": "home"}
            ]}
            """);

    [Test]
    public void Remove_with_a_value_filter_removes_only_the_matching_values() =>
        AssertJson(
            UserApplier.Applied(Json(Emails), Op("remove", "emails[type eq \"work\"]")),
            """{"id": "u1", "emails": [{"value": "alice@home.example", "type": "home"}]}""");

    [Test]
    public void Remove_with_a_value_filter_removes_every_matching_value() =>
        AssertJson(
            GroupApplier.Applied(Json(Staff), Op("remove", "members[value eq \"u1\" or value eq \"u3\"]")),
            """{"id": "g1", "displayName": "Staff", "members": [{"value": "u2", "display": "Bob"}]}""");

    [Test]
    public void Remove_of_a_member_by_value_filter_removes_only_that_member() =>
        AssertJson(
            GroupApplier.Applied(Json(Staff), Op("Remove", "members[value eq \"u2\"]")),
            """{"id": "g1", "displayName": "Staff", "members": [{"value": "u1", "display": "Alice"}, {"value": "u3", "display": "Carol"}]}""");

    [TestCase("members[value eq \"u9\"]")]
    [TestCase("members[value eq \"u9\"].display")]
    public void Remove_with_a_value_filter_that_matches_nothing_changes_nothing(string path) =>
        AssertJson(GroupApplier.Applied(Json(Staff), Op("remove", path)), Staff);

    [Test]
    public void Remove_with_a_value_filter_on_a_missing_attribute_changes_nothing() =>
        AssertJson(
            GroupApplier.Applied(Json("""{"id": "g1", "displayName": "Staff"}"""), Op("remove", "members[value eq \"u1\"]")),
            """{"id": "g1", "displayName": "Staff"}""");

    [TestCase("emails[type eq \"other\"].value")]
    [TestCase("emails[type eq \"other\"]")]
    [TestCase("phoneNumbers[type eq \"work\"].value")]
    public void Replace_with_a_value_filter_that_matches_nothing_is_no_target(string path) =>
        Assert.That(UserApplier.Refused(Json(Emails), Op("replace", path, "\"x\"")).Code, Is.EqualTo("noTarget"));

    [Test]
    public void Add_of_an_array_appends_the_new_values_without_duplicates() =>
        AssertJson(
            GroupApplier.Applied(
                Json(Staff),
                Op("add", "members", """[{"value": "u2"}, {"value": "u4", "display": "Dan"}, {"value": "u4"}]""")),
            """
            {"id": "g1", "displayName": "Staff", "members": [
              {"value": "u1", "display": "Alice"},
              {"value": "u2", "display": "Bob"},
              {"value": "u3", "display": "Carol"},
              {"value": "u4", "display": "Dan"}
            ]}
            """);

    [Test]
    public void Add_of_a_single_value_appends_it_unless_present() =>
        AssertJson(
            GroupApplier.Applied(
                Json(Staff),
                Op("add", "members", """{"value": "u4"}"""),
                Op("add", "members", """{"value": "u1", "display": "Someone else"}""")),
            """
            {"id": "g1", "displayName": "Staff", "members": [
              {"value": "u1", "display": "Alice"},
              {"value": "u2", "display": "Bob"},
              {"value": "u3", "display": "Carol"},
              {"value": "u4"}
            ]}
            """);

    [Test]
    public void Add_of_an_array_to_a_missing_attribute_sets_it() =>
        AssertJson(
            GroupApplier.Applied(Json("""{"id": "g1", "displayName": "Staff"}"""), Op("add", "members", """[{"value": "u1"}, {"value": "u2"}]""")),
            """{"id": "g1", "displayName": "Staff", "members": [{"value": "u1"}, {"value": "u2"}]}""");

    [Test]
    public void Add_without_a_path_appends_to_a_multi_valued_attribute() =>
        AssertJson(
            UserApplier.Applied(Json(Emails), Op("add", null, """{"emails": [{"value": "alice@home.example", "type": "home"}, {"value": "a@other.example", "type": "other"}]}""")),
            """
            {"id": "u1", "emails": [
              {"value": "alice@work.example", "type": "work", "primary": true},
              {"value": "alice@home.example", "type": "home"},
              {"value": "a@other.example", "type": "other"}
            ]}
            """);

    [Test]
    public void Replace_of_a_multi_valued_attribute_replaces_the_whole_array() =>
        AssertJson(
            GroupApplier.Applied(Json(Staff), Op("replace", "members", """[{"value": "u4"}, {"value": "u1"}]""")),
            """{"id": "g1", "displayName": "Staff", "members": [{"value": "u4"}, {"value": "u1"}]}""");

    [Test]
    public void Remove_of_members_with_a_value_array_removes_only_the_listed_members() =>
        AssertJson(
            GroupApplier.Applied(Json(Staff), Op("Remove", "members", """[{"value": "u1"}, {"value": "u3"}, {"value": "u9"}]""")),
            """{"id": "g1", "displayName": "Staff", "members": [{"value": "u2", "display": "Bob"}]}""");

    [Test]
    public void Remove_of_members_without_a_value_removes_them_all() =>
        AssertJson(
            GroupApplier.Applied(Json(Staff), Op("remove", "members")),
            """{"id": "g1", "displayName": "Staff"}""");

    [Test]
    public void Operations_on_members_apply_in_order() =>
        AssertJson(
            GroupApplier.Applied(
                Json(Staff),
                Op("remove", "members[value eq \"u1\"]"),
                Op("add", "members", """[{"value": "u1"}]"""),
                Op("replace", "displayName", "\"All staff\"")),
            """
            {"id": "g1", "displayName": "All staff", "members": [
              {"value": "u2", "display": "Bob"},
              {"value": "u3", "display": "Carol"},
              {"value": "u1"}
            ]}
            """);

    [Test]
    public void Replace_with_a_value_filter_replaces_each_matching_value_whole() =>
        AssertJson(
            UserApplier.Applied(Json(Emails), Op("replace", "emails[type eq \"work\"]", """{"value": "alice@new.example", "type": "work"}""")),
            """
            {"id": "u1", "emails": [
              {"value": "alice@new.example", "type": "work"},
              {"value": "alice@home.example", "type": "home"}
            ]}
            """);

    [Test]
    public void Add_at_a_type_filter_that_matches_nothing_creates_that_value_as_entra_sends_it()
    {
        var result = UserApplier.Applied(Json("""{"userName": "a", "emails": [{"value": "home@x.example", "type": "home"}]}"""),
            Op("Add", "emails[type eq \"work\"].value", "\"work@x.example\""));

        AssertJson(result["emails"], """[{"value": "home@x.example", "type": "home"}, {"type": "work", "value": "work@x.example"}]""");
    }

    [Test]
    public void Add_at_a_type_filter_creates_the_attribute_when_there_is_none()
    {
        var result = UserApplier.Applied(Json("""{"userName": "a"}"""),
            Op("add", "phoneNumbers[type eq \"mobile\"].value", "\"+1 555 0100\""));

        AssertJson(result["phoneNumbers"], """[{"type": "mobile", "value": "+1 555 0100"}]""");
    }
}

