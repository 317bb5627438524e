using System.Linq.Expressions;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;
using Auth.Application.Scim.Query;
using Auth.Domain.Users;

namespace Auth.Application.Tests.Scim.Query;

/// <summary>
/// What each filter means, checked by running the translated predicate over users in memory. The same predicates
/// run as SQL on SQLite and PostgreSQL in Auth.Infrastructure.Tests.
/// </summary>
public sealed class UserFilterTranslatorTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string Sure = "100%_sure";
    private const string Alice = "Alice.Wong";

    private readonly IReadOnlyList<User> _users = SampleUsers.Create();

    [TestCase("userName eq \"bjensen\"", "bjensen")]
    [TestCase("userName eq \"BJensen\"", "bjensen")]
    [TestCase("USERNAME EQ \"bjensen\"", "bjensen")]
    [TestCase("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"", "jsmith")]
    [TestCase("userName sw \"a\"", Alice, SampleUsers.Injection)]
    [TestCase("userName ne \"bjensen\"", "jsmith", Alice, Sure, SampleUsers.Injection)]
    [TestCase("userName co \"SMI\"", "jsmith")]
    [TestCase("userName ew \"sen\"", "bjensen")]
    [TestCase("userName gt \"j\"", "jsmith")]
    [TestCase("userName ge \"bjensen\"", "bjensen", "jsmith")]
    [TestCase("userName lt \"b\"", Alice, Sure, SampleUsers.Injection)]
    [TestCase("userName le \"alice.wong\"", Alice, Sure, SampleUsers.Injection)]
    [TestCase("userName pr", "bjensen", "jsmith", Alice, Sure, SampleUsers.Injection)]
    public void UserName_ignores_case_with_every_operator(string filter, params string[] expected) =>
        Assert.That(Matching(filter), Is.EquivalentTo(expected));

    [TestCase("displayName eq \"babs jensen\"", "bjensen")]
    [TestCase("displayName co \"SMITH\"", "jsmith")]
    [TestCase("displayName sw \"b\"", "bjensen")]
    [TestCase("displayName ew \"_underscore\"", Sure)]
    [TestCase("displayName gt \"c\"", "jsmith", Sure)]
    [TestCase("displayName pr", "bjensen", "jsmith", Sure)]
    [TestCase("displayName eq null", Alice, SampleUsers.Injection)]
    [TestCase("displayName ne null", "bjensen", "jsmith", Sure)]
    [TestCase("name.familyName co \"EN\"", "bjensen")]
    [TestCase("name.givenName sw \"al\"", Alice)]
    [TestCase("title eq \"tour guide\"", "bjensen")]
    [TestCase("userType eq \"EMPLOYEE\"", "bjensen", Alice)]
    public void Other_strings_ignore_case(string filter, params string[] expected) =>
        Assert.That(Matching(filter), Is.EquivalentTo(expected));

    [TestCase("displayName ne \"Babs Jensen\"", "jsmith", Alice, Sure, SampleUsers.Injection)]
    [TestCase("title ne \"x\"", "bjensen", "jsmith", Alice, Sure, SampleUsers.Injection)]
    [TestCase("externalId ne \"bjensen-ext\"", "jsmith", Alice, Sure, SampleUsers.Injection)]
    public void Ne_matches_users_without_the_attribute(string filter, params string[] expected) =>
        Assert.That(Matching(filter), Is.EquivalentTo(expected));

    [Test]
    public void Id_and_externalId_compare_case_exactly()
    {
        var bjensen = _users[0];

        Assert.Multiple(() =>
        {
            Assert.That(Matching($"id eq \"{bjensen.Id}\""), Is.EqualTo(new[] { "bjensen" }));
            Assert.That(Matching($"id eq \"{bjensen.Id.ToUpperInvariant()}\""), Is.Empty);
            Assert.That(Matching("externalId eq \"bjensen-ext\""), Is.EqualTo(new[] { "bjensen" }));
            Assert.That(Matching("externalId eq \"BJENSEN-EXT\""), Is.Empty);
            Assert.That(Matching("externalId sw \"bjen\" and externalId ew \"-ext\""), Is.EqualTo(new[] { "bjensen" }));
            Assert.That(Matching("externalId sw \"BJEN\" or externalId ew \"-EXT\""), Is.Empty);
            Assert.That(Matching("externalId pr"), Is.EqualTo(new[] { "bjensen" }));
        });
    }

    [TestCase("active eq true", "bjensen", Alice, Sure, SampleUsers.Injection)]
    [TestCase("active eq false", "jsmith")]
    [TestCase("active ne true", "jsmith")]
    [TestCase("active pr", "bjensen", "jsmith", Alice, Sure, SampleUsers.Injection)]
    public void Active_is_a_boolean(string filter, params string[] expected) =>
        Assert.That(Matching(filter), Is.EquivalentTo(expected));

    [TestCase("emails co \"example.com\"", "bjensen", Alice)]
    [TestCase("emails.value co \"@EXAMPLE.ORG\"", "jsmith")]
    [TestCase("emails eq \"BJensen@Example.com\"", "bjensen")]
    [TestCase("emails.value ew \".org\"", "bjensen", "jsmith")]
    [TestCase("emails.type eq \"WORK\"", "bjensen", "jsmith")]
    [TestCase("emails.primary eq true", "bjensen")]
    [TestCase("emails pr", "bjensen", "jsmith", Alice)]
    [TestCase("not (emails pr)", Sure, SampleUsers.Injection)]
    [TestCase("phoneNumbers.value eq \"555-555-8377\"", "bjensen")]
    [TestCase("phoneNumbers[type eq \"work\" and primary eq true]", "bjensen")]
    public void Multi_valued_attributes_match_when_any_value_matches(string filter, params string[] expected) =>
        Assert.That(Matching(filter), Is.EquivalentTo(expected));

    [TestCase("emails[type eq \"work\" and value co \"@example.com\"]", "bjensen")]
    [TestCase("emails[type eq \"home\" and value co \"example.com\"]", Alice)]
    [TestCase("emails.type eq \"home\" and emails.value co \"example.com\"", "bjensen", Alice)]
    [TestCase("emails[type eq \"work\"].value eq \"bjensen@example.com\"", "bjensen")]
    [TestCase("emails[type eq \"home\"].value eq \"bjensen@example.com\"")]
    [TestCase("emails[not (type eq \"work\")]", "bjensen", Alice)]
    [TestCase("urn:ietf:params:scim:schemas:core:2.0:User:emails[VALUE ew \"jensen.org\"]", "bjensen")]
    public void A_value_filter_needs_one_value_to_satisfy_the_whole_bracket(string filter, params string[] expected) =>
        Assert.That(Matching(filter), Is.EquivalentTo(expected));

    [TestCase("meta.lastModified gt \"2024-01-05T00:00:00Z\"", "bjensen", SampleUsers.Injection)]
    [TestCase("meta.lastModified ge \"2024-01-05T00:00:00Z\"", "bjensen", Sure, SampleUsers.Injection)]
    [TestCase("meta.lastModified lt \"2024-01-04T00:00:00Z\"", "jsmith")]
    [TestCase("meta.created lt \"2024-01-02T00:00:00Z\"", "bjensen")]
    [TestCase("meta.created le \"2024-01-02T02:00:00+02:00\"", "bjensen", "jsmith")]
    [TestCase("meta.created eq \"2024-01-04T00:00:00.000Z\"", Alice)]
    [TestCase("meta.created ne \"2024-01-04T00:00:00\"", "bjensen", "jsmith", Sure, SampleUsers.Injection)]
    [TestCase("meta.created pr", "bjensen", "jsmith", Alice, Sure, SampleUsers.Injection)]
    public void Timestamps_compare_as_instants(string filter, params string[] expected) =>
        Assert.That(Matching(filter), Is.EquivalentTo(expected));

    [TestCase(Enterprise + ":department eq \"tour operations\"", "bjensen")]
    [TestCase(Enterprise + ":employeeNumber eq \"701984\"", "bjensen")]
    [TestCase(Enterprise + ":manager.value eq \"" + SampleUsers.ManagerId + "\"", "bjensen")]
    [TestCase(Enterprise + ":manager.displayName co \"smith\"", "bjensen")]
    [TestCase("costCenter eq \"4130\" and organization sw \"universal\" and division pr", "bjensen")]
    [TestCase(Enterprise + ":department pr", "bjensen")]
    public void Enterprise_attributes_are_filtered_with_or_without_their_urn(string filter, params string[] expected) =>
        Assert.That(Matching(filter), Is.EquivalentTo(expected));

    [TestCase("title pr and userType eq \"Employee\"", "bjensen")]
    [TestCase("title pr or userType eq \"Intern\"", "bjensen", "jsmith")]
    [TestCase("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")", "bjensen", Alice)]
    [TestCase("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")", Sure, SampleUsers.Injection)]
    [TestCase("not (userName eq \"bjensen\" or active eq false)", Alice, Sure, SampleUsers.Injection)]
    public void Logical_operators_combine_comparisons(string filter, params string[] expected) =>
        Assert.That(Matching(filter), Is.EquivalentTo(expected));

    [TestCase("userName eq \"a\\\" or \\\"1\\\"=\\\"1\"", SampleUsers.Injection)]
    [TestCase("userName eq \"x\\\" or \\\"1\\\"=\\\"1\"")]
    [TestCase("userName co \"%\"", Sure)]
    [TestCase("userName co \"_\"", Sure)]
    [TestCase("userName sw \"%\"")]
    public void Quotes_and_wildcards_in_values_match_literally(string filter, params string[] expected) =>
        Assert.That(Matching(filter), Is.EquivalentTo(expected));

    [Test]
    public void Comparison_values_are_never_constants_of_the_tree()
    {
        var predicate = Translated("userName eq \"bjensen\" or emails[value co \"needle\"] or meta.created gt \"2024-01-01T00:00:00Z\"");

        var constants = new ConstantCollector();
        constants.Visit(predicate);

        Assert.That(constants.Values, Has.None.EqualTo("BJENSEN").And.None.EqualTo("NEEDLE").And.None.TypeOf<DateTimeOffset>());
    }

    [TestCase("foo eq \"x\"", "'foo'")]
    [TestCase("name eq \"x\"", "'name'")]
    [TestCase("name.foo eq \"x\"", "'name.foo'")]
    [TestCase("emails.foo eq \"x\"", "'emails.foo'")]
    [TestCase("emails[foo eq \"x\"]", "'emails.foo'")]
    [TestCase("addresses.locality eq \"x\"", "'addresses.locality'")]
    [TestCase("groups eq \"x\"", "'groups'")]
    [TestCase("title[value eq \"x\"]", "'title' is not multi-valued")]
    [TestCase("urn:ietf:params:scim:schemas:core:2.0:User:employeeNumber eq \"1\"", "employeeNumber")]
    [TestCase(Enterprise + ":userName eq \"bjensen\"", "userName")]
    [TestCase("urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq \"x\"", "displayName")]
    [TestCase("active gt true", "only 'eq', 'ne' and 'pr'")]
    [TestCase("active co \"t\"", "only 'eq', 'ne' and 'pr'")]
    [TestCase("emails.primary lt false", "only 'eq', 'ne' and 'pr'")]
    [TestCase("active eq \"true\"", "compare it with true or false")]
    [TestCase("meta.created gt \"yesterday\"", "ISO 8601")]
    [TestCase("meta.created gt \"2024-13-01T00:00:00Z\"", "ISO 8601")]
    [TestCase("meta.created gt \"2024-01-01\"", "ISO 8601")]
    [TestCase("meta.lastModified gt 1704067200", "ISO 8601")]
    [TestCase("meta.lastModified sw \"2024\"", "'sw' does not apply")]
    [TestCase("userName eq 5", "quoted value")]
    [TestCase("displayName eq true", "quoted value")]
    [TestCase("userName gt null", "cannot compare 'userName' with null")]
    public void Filters_the_service_cannot_answer_are_invalid_filters(string filter, string reason)
    {
        var result = UserFilterTranslator.Translate(Parsed(filter));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error!.Kind, Is.EqualTo(ErrorKind.Invalid));
        Assert.That(result.Error.Code, Is.EqualTo("invalidFilter"));
        Assert.That(result.Error.Description, Does.Contain(reason));
    }

    private string[] Matching(string filter)
    {
        var predicate = Translated(filter).Compile();
        return [.. _users.Where(predicate).Select(u => u.UserName)];
    }

    private static Expression<Func<User, bool>> Translated(string filter)
    {
        var result = UserFilterTranslator.Translate(Parsed(filter));
        Assert.That(result.Succeeded, () => result.Error!.Description);
        return result.Value!;
    }

    private static ScimFilter Parsed(string filter)
    {
        var result = ScimFilterParser.Parse(filter);
        Assert.That(result.Succeeded, () => result.Error!.Description);
        return result.Value!;
    }

    private sealed class ConstantCollector : ExpressionVisitor
    {
        public List<object?> Values { get; } = [];

        protected override Expression VisitConstant(ConstantExpression node)
        {
            Values.Add(node.Value);
            return base.VisitConstant(node);
        }
    }
}
