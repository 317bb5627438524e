using Auth.Application.Scim.Filters;

namespace Auth.Application.Tests.Scim.Filters;

public sealed class ScimFilterParserTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    // RFC 7644 §3.4.2.2, the examples after Figure 2, with how each prints back (and/or operands parenthesised).
    private static readonly TestCaseData[] RfcExamples =
    [
        new("userName eq \"bjensen\"", "userName eq \"bjensen\""),
        new("name.familyName co \"O'Malley\"", "name.familyName co \"O'Malley\""),
        new("userName sw \"J\"", "userName sw \"J\""),
        new("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"", "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\""),
        new("title pr", "title pr"),
        new("meta.lastModified gt \"2011-05-13T04:42:34Z\"", "meta.lastModified gt \"2011-05-13T04:42:34Z\""),
        new("meta.lastModified ge \"2011-05-13T04:42:34Z\"", "meta.lastModified ge \"2011-05-13T04:42:34Z\""),
        new("meta.lastModified lt \"2011-05-13T04:42:34Z\"", "meta.lastModified lt \"2011-05-13T04:42:34Z\""),
        new("meta.lastModified le \"2011-05-13T04:42:34Z\"", "meta.lastModified le \"2011-05-13T04:42:34Z\""),
        new("title pr and userType eq \"Employee\"", "title pr and userType eq \"Employee\""),
        new("title pr or userType eq \"Intern\"", "title pr or userType eq \"Intern\""),
        new($"schemas eq \"{Enterprise}\"", $"schemas eq \"{Enterprise}\""),
        new(
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")"),
        new(
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")"),
        new("userType eq \"Employee\" and (emails.type eq \"work\")", "userType eq \"Employee\" and emails.type eq \"work\""),
        new(
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]"),
        new(
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]"),
        new("userName Eq \"john\"", "userName eq \"john\""),
        new("Username eq \"john\"", "Username eq \"john\""),
    ];

    private static readonly TestCaseData[] MalformedFilters =
    [
        new TestCaseData("", "empty").SetName("Empty"),
        new TestCaseData(" \t ", "empty").SetName("Only whitespace"),
        new TestCaseData("userName", "Expected an operator").SetName("Attribute alone"),
        new TestCaseData("userName eq", "Expected a value after 'eq'").SetName("Missing value"),
        new TestCaseData("userName eq   ", "Expected a value after 'eq'").SetName("Missing value before trailing spaces"),
        new TestCaseData("userName xx \"a\"", "Unknown operator").SetName("Unknown operator"),
        new TestCaseData("userName eqq \"a\"", "Unknown operator").SetName("Operator with an extra letter"),
        new TestCaseData("userName eq1", "Unknown operator").SetName("Operator run into a value"),
        new TestCaseData("userName eq \"unterminated", "Unterminated string").SetName("Unterminated string"),
        new TestCaseData("userName eq \"ends in a backslash\\", "Unterminated string").SetName("Unterminated escape"),
        new TestCaseData("(userName eq \"a\"", "Missing ')' for the '(' at position 1").SetName("Unclosed parenthesis"),
        new TestCaseData("not (userName eq \"a\"", "Missing ')'").SetName("Unclosed not"),
        new TestCaseData("userName eq \"a\")", "Unmatched ')'").SetName("Unopened parenthesis"),
        new TestCaseData("()", "Expected an attribute name").SetName("Empty parentheses"),
        new TestCaseData("userName pr \"a\"", "'pr' operator takes no value").SetName("pr with a string"),
        new TestCaseData("userName pr true", "'pr' operator takes no value").SetName("pr with a literal"),
        new TestCaseData("and userName eq \"a\"", "Expected an attribute name").SetName("Leading and"),
        new TestCaseData("userName eq \"a\" or", "Expected an attribute name").SetName("Trailing or"),
        new TestCaseData("userName eq \"a\" and or title pr", "Expected an attribute name").SetName("and or"),
        new TestCaseData("emails[type eq \"work\"", "Missing ']'").SetName("Unclosed bracket"),
        new TestCaseData("emails[type eq \"work\")", "Expected 'and', 'or' or ']'").SetName("Bracket closed by a parenthesis"),
        new TestCaseData("emails[]", "Expected an attribute name").SetName("Empty brackets"),
        new TestCaseData("emails[type eq \"work\"].", "Expected a sub-attribute name").SetName("Dot without sub-attribute"),
        new TestCaseData("emails[type eq \"work\"].value", "Expected an operator").SetName("Sub-attribute without comparison"),
        new TestCaseData("emails[phones[type eq \"a\"]]", "cannot be nested").SetName("Nested brackets"),
        new TestCaseData("name.givenName[value eq \"a\"]", "not to a sub-attribute").SetName("Brackets on a sub-attribute"),
        new TestCaseData("not userName eq \"a\"", "Expected '(' after 'not'").SetName("not without parentheses"),
        new TestCaseData("userName eq \"a\" garbage", "Expected 'and', 'or' or the end of the filter").SetName("Trailing garbage"),
        new TestCaseData("userName eq \"a\" title pr", "Expected 'and', 'or'").SetName("Two comparisons without operator"),
        new TestCaseData("userName eq bjensen", "Expected a value").SetName("Unquoted string"),
        new TestCaseData("userName eq 'a'", "Expected a value").SetName("Single-quoted string"),
        new TestCaseData("userName eq \"a\\x\"", "Invalid escape").SetName("Unknown escape"),
        new TestCaseData("userName eq \"\\u12\"", "four hexadecimal digits").SetName("Short unicode escape"),
        new TestCaseData("userName eq \"\\u12G4\"", "four hexadecimal digits").SetName("Non-hex unicode escape"),
        new TestCaseData("userName eq \"\\ud83d\"", "unpaired surrogate").SetName("Lone high surrogate"),
        new TestCaseData("userName eq \"\\ude00\"", "unpaired surrogate").SetName("Lone low surrogate"),
        new TestCaseData("userName eq \"a\tb\"", "must be escaped").SetName("Raw control character in a string"),
        new TestCaseData("a.b.c eq 1", "at most one sub-attribute").SetName("Two sub-attributes"),
        new TestCaseData("1abc eq 1", "Expected an attribute name").SetName("Attribute starting with a digit"),
        new TestCaseData("na!me eq 1", "Expected an operator").SetName("Attribute with a forbidden character"),
        new TestCaseData("foo:bar eq 1", "schema URN").SetName("Qualifier that is not a URN"),
        new TestCaseData("urn:ietf:params:scim:schemas:core:2.0:User: eq 1", "Invalid attribute name").SetName("URN without attribute"),
        new TestCaseData("userName eq 01", "Invalid number").SetName("Leading zero"),
        new TestCaseData("userName eq 1.", "Invalid number").SetName("Fraction without digits"),
        new TestCaseData("userName eq .5", "Expected a value").SetName("Fraction without integer"),
        new TestCaseData("userName eq +1", "Expected a value").SetName("Plus sign"),
        new TestCaseData("userName eq -", "Invalid number").SetName("Minus alone"),
        new TestCaseData("userName eq 1e", "Invalid number").SetName("Exponent without digits"),
        new TestCaseData("userName eq 1x", "Invalid number").SetName("Number run into letters"),
        new TestCaseData("userName eq 1e400", "out of range").SetName("Number too large"),
    ];

    [TestCaseSource(nameof(RfcExamples))]
    public void Rfc_examples_parse_and_print_back(string filter, string printed)
    {
        var tree = Parsed(filter);

        Assert.That(tree.ToString(), Is.EqualTo(printed));
        Assert.That(Parsed(printed), Is.EqualTo(tree));
    }

    [TestCase("eq", ComparisonOperator.Equal)]
    [TestCase("ne", ComparisonOperator.NotEqual)]
    [TestCase("co", ComparisonOperator.Contains)]
    [TestCase("sw", ComparisonOperator.StartsWith)]
    [TestCase("ew", ComparisonOperator.EndsWith)]
    [TestCase("gt", ComparisonOperator.GreaterThan)]
    [TestCase("ge", ComparisonOperator.GreaterThanOrEqual)]
    [TestCase("lt", ComparisonOperator.LessThan)]
    [TestCase("le", ComparisonOperator.LessThanOrEqual)]
    public void Every_comparison_operator_is_read(string keyword, ComparisonOperator expected) =>
        Assert.That(Parsed($"userName {keyword} \"x\""), Is.EqualTo(Compare("userName", expected, ScimValue.FromString("x"))));

    [Test]
    public void Present_takes_no_value() =>
        Assert.That(Parsed("title pr"), Is.EqualTo(new ComparisonFilter(new AttributePath(null, "title"), ComparisonOperator.Present, null)));

    [TestCase("userName EQ \"x\"")]
    [TestCase("userName Eq \"x\"")]
    [TestCase("userName eQ \"x\"")]
    public void Operators_ignore_case(string filter) =>
        Assert.That(Parsed(filter), Is.EqualTo(Compare("userName", ComparisonOperator.Equal, ScimValue.FromString("x"))));

    [Test]
    public void Logical_keywords_ignore_case() =>
        Assert.That(Parsed("a PR Or NOT (b Pr) AND c pR"), Is.EqualTo(Parsed("a pr or not (b pr) and c pr")));

    [Test]
    public void Attribute_names_keep_their_spelling_and_compare_ignoring_case()
    {
        var tree = (ComparisonFilter)Parsed("USERNAME eq \"x\"");

        Assert.That(tree.Path.Attribute, Is.EqualTo("USERNAME"));
        Assert.That(tree.Path, Is.EqualTo(new AttributePath(null, "userName")));
        Assert.That(tree.Path.GetHashCode(), Is.EqualTo(new AttributePath(null, "userName").GetHashCode()));
    }

    [Test]
    public void And_binds_tighter_than_or() =>
        Assert.That(Parsed("a eq 1 or b eq 2 and c eq 3"), Is.EqualTo(Or(Compare("a", 1), And(Compare("b", 2), Compare("c", 3)))));

    [Test]
    public void And_binds_tighter_than_or_on_the_left_too() =>
        Assert.That(Parsed("a eq 1 and b eq 2 or c eq 3"), Is.EqualTo(Or(And(Compare("a", 1), Compare("b", 2)), Compare("c", 3))));

    [Test]
    public void Or_chains_associate_to_the_left() =>
        Assert.That(Parsed("a eq 1 or b eq 2 or c eq 3"), Is.EqualTo(Or(Or(Compare("a", 1), Compare("b", 2)), Compare("c", 3))));

    [Test]
    public void Parentheses_override_precedence() =>
        Assert.That(Parsed("(a eq 1 or b eq 2) and c eq 3"), Is.EqualTo(And(Or(Compare("a", 1), Compare("b", 2)), Compare("c", 3))));

    [Test]
    public void Not_negates_a_parenthesised_group() =>
        Assert.That(Parsed("not (a eq 1 or b eq 2)"), Is.EqualTo(new NotFilter(Or(Compare("a", 1), Compare("b", 2)))));

    [Test]
    public void Not_binds_tighter_than_and() =>
        Assert.That(Parsed("not (a eq 1) and b eq 2"), Is.EqualTo(And(new NotFilter(Compare("a", 1)), Compare("b", 2))));

    [Test]
    public void Not_may_touch_its_parenthesis() =>
        Assert.That(Parsed("not(a eq 1)"), Is.EqualTo(new NotFilter(Compare("a", 1))));

    [Test]
    public void Extra_spaces_tabs_and_line_breaks_between_tokens_are_accepted() =>
        Assert.That(Parsed("  ( userName \t eq   \"a\" )\r\n  and\ttitle pr  "), Is.EqualTo(Parsed("userName eq \"a\" and title pr")));

    [Test]
    public void A_quoted_injection_attempt_is_one_string_value() =>
        Assert.That(
            Parsed("userName eq \"a\\\" or \\\"1\\\"=\\\"1\""),
            Is.EqualTo(Compare("userName", ComparisonOperator.Equal, ScimValue.FromString("a\" or \"1\"=\"1"))));

    [Test]
    public void Json_escapes_are_decoded() =>
        Assert.That(
            Value("userName eq \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""),
            Is.EqualTo(ScimValue.FromString("\" \\ / \b \f \n \r \t")));

    [TestCase("\\u00e9\\u4E2D", "\u00e9\u4e2d")]
    [TestCase("\\ud83d\\ude00", "\ud83d\ude00")]
    [TestCase("Zo\u00eb", "Zo\u00eb")]
    [TestCase("", "")]
    public void Unicode_escapes_and_raw_unicode_are_read(string literal, string expected) =>
        Assert.That(Value($"displayName eq \"{literal}\""), Is.EqualTo(ScimValue.FromString(expected)));

    [TestCase("0", "0")]
    [TestCase("-1", "-1")]
    [TestCase("3.14", "3.14")]
    [TestCase("1e3", "1000")]
    [TestCase("1E+2", "100")]
    [TestCase("-2.5E-1", "-0.25")]
    public void Numbers_follow_the_json_grammar(string literal, string expected) =>
        Assert.That(Value($"age gt {literal}"), Is.EqualTo(ScimValue.FromNumber(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture))));

    [TestCase("true", true)]
    [TestCase("false", false)]
    [TestCase("True", true)]
    [TestCase("FALSE", false)]
    public void Booleans_are_read_in_any_case(string literal, bool expected) =>
        Assert.That(Value($"active eq {literal}"), Is.EqualTo(ScimValue.FromBoolean(expected)));

    [TestCase("null")]
    [TestCase("NULL")]
    public void Null_is_read_in_any_case(string literal) =>
        Assert.That(Value($"title eq {literal}"), Is.EqualTo(ScimValue.Null));

    [Test]
    public void A_number_may_touch_a_closing_parenthesis() =>
        Assert.That(Parsed("(age gt 21)"), Is.EqualTo(Compare("age", ComparisonOperator.GreaterThan, ScimValue.FromNumber(21))));

    [Test]
    public void A_sub_attribute_is_read() =>
        Assert.That(
            Parsed("name.familyName co \"O'Malley\""),
            Is.EqualTo(new ComparisonFilter(new AttributePath(null, "name", "familyName"), ComparisonOperator.Contains, ScimValue.FromString("O'Malley"))));

    [Test]
    public void Meta_last_modified_is_a_sub_attribute_compared_with_a_string() =>
        Assert.That(
            Parsed("meta.lastModified gt \"2011-05-13T04:42:34Z\""),
            Is.EqualTo(new ComparisonFilter(
                new AttributePath(null, "meta", "lastModified"), ComparisonOperator.GreaterThan, ScimValue.FromString("2011-05-13T04:42:34Z"))));

    [TestCase("urn:ietf:params:scim:schemas:core:2.0:User:userName", "urn:ietf:params:scim:schemas:core:2.0:User", "userName", null)]
    [TestCase(Enterprise + ":employeeNumber", Enterprise, "employeeNumber", null)]
    [TestCase(Enterprise + ":manager.value", Enterprise, "manager", "value")]
    [TestCase(Enterprise + ":manager.$ref", Enterprise, "manager", "$ref")]
    public void Qualified_attributes_split_the_urn_at_the_last_colon(string attribute, string urn, string name, string? subAttribute) =>
        Assert.That(((ComparisonFilter)Parsed($"{attribute} pr")).Path, Is.EqualTo(new AttributePath(urn, name, subAttribute)));

    [Test]
    public void A_value_filter_holds_and_or_and_not() =>
        Assert.That(
            Parsed("emails[type eq \"work\" or not (primary eq false) and value co \"@example.com\"]"),
            Is.EqualTo(new ValuePathFilter(
                new AttributePath(null, "emails"),
                Or(
                    Compare("type", ComparisonOperator.Equal, ScimValue.FromString("work")),
                    And(
                        new NotFilter(Compare("primary", ComparisonOperator.Equal, ScimValue.FromBoolean(false))),
                        Compare("value", ComparisonOperator.Contains, ScimValue.FromString("@example.com")))))));

    [Test]
    public void A_value_filter_may_be_negated() =>
        Assert.That(Parsed("not (members[$ref pr])"), Is.InstanceOf<NotFilter>().With.Property(nameof(NotFilter.Inner)).InstanceOf<ValuePathFilter>());

    [Test]
    public void Entra_sub_attribute_after_a_value_filter_joins_the_value_filter_with_and() =>
        Assert.That(
            Parsed("emails[type eq \"work\"].value eq \"user@example.com\""),
            Is.EqualTo(new ValuePathFilter(
                new AttributePath(null, "emails"),
                And(
                    Compare("type", ComparisonOperator.Equal, ScimValue.FromString("work")),
                    Compare("value", ComparisonOperator.Equal, ScimValue.FromString("user@example.com"))))));

    [Test]
    public void Entra_form_keeps_the_value_filter_grouped() =>
        Assert.That(
            Parsed("emails[type eq \"work\" or primary eq true].value pr").ToString(),
            Is.EqualTo("emails[(type eq \"work\" or primary eq true) and value pr]"));

    [TestCaseSource(nameof(MalformedFilters))]
    public void Malformed_filters_are_refused_with_a_reason(string filter, string reason) =>
        Assert.That(ErrorOf(filter), Does.Contain(reason));

    [Test]
    public void Errors_give_the_one_based_position() =>
        Assert.That(ErrorOf("userName xx \"a\""), Does.StartWith("Unknown operator at position 10, near 'xx \"a\"'"));

    [Test]
    public void Errors_quote_only_a_short_piece_of_the_input()
    {
        var error = ErrorOf("userName xx \"" + new string('a', 3000) + "\"");

        Assert.That(error, Has.Length.LessThan(100));
        Assert.That(error, Does.Not.Contain(new string('a', 40)));
    }

    [Test]
    public void Errors_do_not_carry_control_characters() =>
        Assert.That(ErrorOf("userName eq \"a\" \u0001\u001b[31m"), Has.None.Matches<char>(char.IsControl));

    private static ScimFilter Parsed(string filter)
    {
        var result = ScimFilterParser.Parse(filter);
        Assert.That(result.Succeeded, Is.True, () => result.Error?.Description ?? string.Empty);
        return result.Value!;
    }

    private static string ErrorOf(string filter)
    {
        var result = ScimFilterParser.Parse(filter);
        Assert.That(result.Succeeded, Is.False, () => $"parsed as {result.Value}");
        return result.Error!.Description;
    }

    private static ScimValue? Value(string filter) => ((ComparisonFilter)Parsed(filter)).Value;

    private static ComparisonFilter Compare(string attribute, ComparisonOperator comparison, ScimValue value) =>
        new(new AttributePath(null, attribute), comparison, value);

    private static ComparisonFilter Compare(string attribute, decimal number) =>
        Compare(attribute, ComparisonOperator.Equal, ScimValue.FromNumber(number));

    private static LogicalFilter And(ScimFilter left, ScimFilter right) => new(LogicalOperator.And, left, right);

    private static LogicalFilter Or(ScimFilter left, ScimFilter right) => new(LogicalOperator.Or, left, right);
}
