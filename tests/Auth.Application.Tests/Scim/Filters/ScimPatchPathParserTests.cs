using Auth.Application.Scim.Filters;

namespace Auth.Application.Tests.Scim.Filters;

public sealed class ScimPatchPathParserTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static readonly TestCaseData[] MalformedPaths =
    [
        new TestCaseData("", "empty").SetName("Empty path"),
        new TestCaseData("  ", "empty").SetName("Whitespace path"),
        new TestCaseData("1bad", "Expected an attribute name").SetName("Attribute starting with a digit"),
        new TestCaseData("a.b.c", "at most one sub-attribute").SetName("Two sub-attributes"),
        new TestCaseData("userName eq \"a\"", "Expected '[' or the end of the path").SetName("A filter instead of a path"),
        new TestCaseData("emails[type eq \"work\"", "Missing ']'").SetName("Unclosed bracket"),
        new TestCaseData("emails[]", "Expected an attribute name").SetName("Empty brackets"),
        new TestCaseData("emails[type eq \"work\"]x", "Expected '.' or the end of the path").SetName("Garbage after the bracket"),
        new TestCaseData("emails[type eq \"work\"].", "Expected a sub-attribute name").SetName("Dot without sub-attribute"),
        new TestCaseData("emails[type eq \"work\"].value.display", "Expected '.' or the end of the path").SetName("Two sub-attributes after the bracket"),
        new TestCaseData("emails[type eq \"work\"].value[type eq \"x\"]", "Expected '.' or the end of the path").SetName("Second bracket"),
        new TestCaseData("emails[phones[type eq \"a\"]]", "cannot be nested").SetName("Nested brackets"),
        new TestCaseData("name.givenName[value eq \"a\"]", "not to a sub-attribute").SetName("Brackets on a sub-attribute"),
        new TestCaseData("members[value eq]", "Expected a value").SetName("Comparison without value"),
        new TestCaseData("foo:bar", "schema URN").SetName("Qualifier that is not a URN"),
    ];

    [Test]
    public void A_simple_attribute_is_a_path() =>
        Assert.That(Parsed("userName"), Is.EqualTo(new ScimPatchPath(new AttributePath(null, "userName"))));

    [Test]
    public void A_sub_attribute_belongs_to_the_attribute_path() =>
        Assert.That(Parsed("name.givenName"), Is.EqualTo(new ScimPatchPath(new AttributePath(null, "name", "givenName"))));

    [Test]
    public void A_value_filter_selects_values_of_a_multi_valued_attribute() =>
        Assert.That(
            Parsed("members[value eq \"2819c223\"]"),
            Is.EqualTo(new ScimPatchPath(new AttributePath(null, "members"), Compare("value", "2819c223"))));

    [Test]
    public void A_sub_attribute_may_follow_the_value_filter() =>
        Assert.That(
            Parsed("emails[type eq \"work\"].value"),
            Is.EqualTo(new ScimPatchPath(new AttributePath(null, "emails"), Compare("type", "work"), "value")));

    [Test]
    public void Addresses_street_address_of_the_work_address() =>
        Assert.That(
            Parsed("addresses[type eq \"work\"].streetAddress"),
            Is.EqualTo(new ScimPatchPath(new AttributePath(null, "addresses"), Compare("type", "work"), "streetAddress")));

    [Test]
    public void The_value_filter_may_combine_comparisons() =>
        Assert.That(
            Parsed("emails[type eq \"work\" and primary eq true].value").ValueFilter,
            Is.EqualTo(new LogicalFilter(
                LogicalOperator.And,
                Compare("type", "work"),
                new ComparisonFilter(new AttributePath(null, "primary"), ComparisonOperator.Equal, ScimValue.FromBoolean(true)))));

    [Test]
    public void An_extension_attribute_is_qualified_by_its_urn() =>
        Assert.That(
            Parsed(Enterprise + ":employeeNumber"),
            Is.EqualTo(new ScimPatchPath(new AttributePath(Enterprise, "employeeNumber"))));

    [Test]
    public void A_complex_extension_attribute_takes_its_sub_attribute_after_a_dot() =>
        Assert.That(
            Parsed(Enterprise + ":manager.value"),
            Is.EqualTo(new ScimPatchPath(new AttributePath(Enterprise, "manager", "value"))));

    [Test]
    public void A_core_attribute_may_be_qualified_too() =>
        Assert.That(
            Parsed("urn:ietf:params:scim:schemas:core:2.0:User:name.familyName").Attribute,
            Is.EqualTo(new AttributePath("urn:ietf:params:scim:schemas:core:2.0:User", "name", "familyName")));

    [TestCase("userName")]
    [TestCase("name.givenName")]
    [TestCase("members[value eq \"2819c223\"]")]
    [TestCase("emails[type eq \"work\" and value co \"@example.com\"].display")]
    [TestCase(Enterprise + ":manager.value")]
    public void Paths_print_back_as_written(string path) =>
        Assert.That(Parsed(path).ToString(), Is.EqualTo(path));

    [Test]
    public void Surrounding_whitespace_is_ignored() =>
        Assert.That(Parsed("  emails[ type eq \"work\" ].value \t"), Is.EqualTo(Parsed("emails[type eq \"work\"].value")));

    [TestCaseSource(nameof(MalformedPaths))]
    public void Malformed_paths_are_refused_with_a_reason(string path, string reason) =>
        Assert.That(ErrorOf(path), Does.Contain(reason));

    [Test]
    public void A_path_longer_than_the_limit_is_refused() =>
        Assert.That(ErrorOf("members[value eq \"" + new string('a', 5000) + "\"]"), Does.Contain("limit of 4096 characters"));

    [Test]
    public void Deep_nesting_inside_the_brackets_is_refused_at_the_depth_limit() =>
        Assert.That(ErrorOf("emails[" + new string('(', 1000) + "type pr" + new string(')', 1000) + "]"), Does.Contain("limit of 32 levels"));

    [Test]
    public void Thirty_one_groups_inside_the_brackets_parse() =>
        Assert.That(Parsed("emails[" + new string('(', 31) + "type pr" + new string(')', 31) + "]").ValueFilter, Is.Not.Null);

    [Test]
    public void Too_many_comparisons_inside_the_brackets_are_refused() =>
        Assert.That(
            ErrorOf("emails[" + string.Join(" or ", Enumerable.Range(0, 101).Select(i => $"a{i} pr")) + "]"),
            Does.Contain("limit of 100 comparisons"));

    private static ScimPatchPath Parsed(string path)
    {
        var result = ScimPatchPathParser.Parse(path);
        Assert.That(result.Succeeded, Is.True, () => result.Error?.Description ?? string.Empty);
        return result.Value!;
    }

    private static string ErrorOf(string path)
    {
        var result = ScimPatchPathParser.Parse(path);
        Assert.That(result.Succeeded, Is.False, () => $"parsed as {result.Value}");
        return result.Error!.Description;
    }

    private static ComparisonFilter Compare(string attribute, string text) =>
        new(new AttributePath(null, attribute), ComparisonOperator.Equal, ScimValue.FromString(text));
}
