using static Auth.Application.Tests.Scim.Patch.PatchTestKit;

namespace Auth.Application.Tests.Scim.Patch;

/// <summary>A path that is a whole extension URN, as Microsoft Entra ID sends for the Enterprise User attributes.</summary>
public sealed class ScimPatchApplierExtensionPathTests
{
    private const string Managed = $$"""
        {"id": "u1", "userName": "alice", "{{Enterprise}}": {"department": "Sales", "manager": {"value": "m1"} } }
        """;

    [Test]
    public void Add_sets_the_attributes_given_and_keeps_the_others() =>
        AssertJson(
            UserApplier.Applied(Json(Managed), Op("add", Enterprise, """{"department": "Tours", "costCenter": "4130"}""")),
            $$"""{"id": "u1", "userName": "alice", "{{Enterprise}}": {"department": "Tours", "manager": {"value": "m1"}, "costCenter": "4130"} }""");

    [Test]
    public void Replace_merges_like_any_complex_attribute_even_into_a_nested_one() =>
        AssertJson(
            UserApplier.Applied(Json(Managed), Op("Replace", Enterprise.ToUpperInvariant(), """{"manager": {"value": "m2"}}""")),
            $$"""{"id": "u1", "userName": "alice", "{{Enterprise}}": {"department": "Sales", "manager": {"value": "m2"} } }""");

    [Test]
    public void Add_creates_the_extension_when_there_is_none() =>
        AssertJson(
            UserApplier.Applied(Json("""{"id": "u1", "userName": "alice"}"""), Op("add", Enterprise, """{"employeeNumber": "701984"}""")),
            $$"""{"id": "u1", "userName": "alice", "{{Enterprise}}": {"employeeNumber": "701984"} }""");

    [Test]
    public void Remove_clears_the_extension() =>
        AssertJson(
            UserApplier.Applied(Json(Managed), Op("remove", Enterprise)),
            """{"id": "u1", "userName": "alice"}""");

    [Test]
    public void A_value_that_is_not_an_object_is_invalidValue() =>
        Assert.That(UserApplier.Refused(Json(Managed), Op("replace", Enterprise, "\"Sales\"")).Code, Is.EqualTo("invalidValue"));

    [Test]
    public void An_extension_the_resource_type_does_not_have_is_still_invalidPath() =>
        Assert.That(GroupApplier.Refused(Json("""{"id": "g1", "displayName": "G"}"""), Op("add", Enterprise, "{}")).Code, Is.EqualTo("invalidPath"));
}
