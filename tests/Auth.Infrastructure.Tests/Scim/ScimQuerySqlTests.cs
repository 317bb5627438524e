using System.Linq.Expressions;
using Auth.Application.Scim.Filters;
using Auth.Application.Scim.Query;
using Auth.Domain.Groups;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using static Auth.Infrastructure.Tests.Scim.ScimQuerySeed;

namespace Auth.Infrastructure.Tests.Scim;

/// <summary>
/// The SCIM filter and sort translations run as SQL on each provider. EF Core throws "could not be translated"
/// rather than filter in memory, so a passing test shows the database did the work; each result is also checked
/// against the same predicate run over the seeded objects in memory.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ScimQuerySqlTests(DatabaseProvider provider)
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static readonly TestCaseData[] UserFilters =
    [
        new("userName eq \"BJensen\"", new[] { "bjensen" }),
        new("userName sw \"J\"", new[] { "jsmith" }),
        new("userName gt \"j\" or userName le \"alice.wong\"", new[] { "jsmith", Alice, Wildcards, Injection }),
        new("displayName ne \"Babs Jensen\"", new[] { "jsmith", Alice, Wildcards, Injection }),
        new("displayName co \"SMITH\" or name.familyName ew \"SEN\"", new[] { "bjensen", "jsmith" }),
        new("displayName eq null", new[] { Alice, Injection }),
        new("displayName pr and not (title pr)", new[] { "jsmith", Wildcards }),
        new("externalId eq \"bjensen-ext\"", new[] { "bjensen" }),
        new("externalId eq \"BJENSEN-EXT\"", Array.Empty<string>()),
        new("externalId sw \"bjen\" and externalId ew \"-ext\"", new[] { "bjensen" }),

        // SQLite's LIKE ignores ASCII case; case-exact attributes must not.
        new("externalId sw \"BJEN\" or externalId ew \"-EXT\"", Array.Empty<string>()),
        new("active eq false", new[] { "jsmith" }),
        new("emails co \"example.com\"", new[] { "bjensen", Alice }),
        new("emails.type eq \"home\" and emails.value co \"example.com\"", new[] { "bjensen", Alice }),
        new("emails[type eq \"work\" and value co \"@example.com\"]", new[] { "bjensen" }),
        new("emails[type eq \"work\"].value eq \"BJENSEN@example.com\"", new[] { "bjensen" }),
        new("emails.primary eq true or not (emails pr)", new[] { "bjensen", Wildcards, Injection }),
        new("phoneNumbers[type eq \"work\" and primary eq true]", new[] { "bjensen" }),
        new("meta.lastModified gt \"2024-01-05T00:00:00Z\"", new[] { "bjensen", Injection }),
        new("meta.created le \"2024-01-02T02:00:00+02:00\"", new[] { "bjensen", "jsmith" }),
        new("meta.created eq \"2024-01-04T00:00:00Z\"", new[] { Alice }),
        new("meta.created eq null or active eq null", Array.Empty<string>()),
        new($"{Enterprise}:department eq \"tour operations\" and {Enterprise}:manager.value eq \"{ManagerId}\"", new[] { "bjensen" }),
        new("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")", new[] { Wildcards, Injection }),

        // Client text is a parameter: quotes stay inside the value, LIKE wildcards match only themselves.
        new("userName eq \"a\\\" or \\\"1\\\"=\\\"1\"", new[] { Injection }),
        new("userName eq \"x\\\" or \\\"1\\\"=\\\"1\"", Array.Empty<string>()),
        new("userName co \"%\"", new[] { Wildcards }),
        new("userName sw \"_\"", Array.Empty<string>()),
        new("displayName ew \"t_underscore\" or displayName co \"%\"", new[] { Wildcards }),
        new("userName co \"'\" or userName eq \"'; DROP TABLE \\\"Users\\\"; --\"", Array.Empty<string>()),
    ];

    private static readonly TestCaseData[] GroupFilters =
    [
        new("displayName eq \"tour guides\"", new[] { "Tour Guides" }),
        new("displayName sw \"A\" or externalId eq \"guides-ext\"", new[] { "admins", "Tour Guides" }),
        new("members eq \"{bjensen}\"", new[] { "Tour Guides", "admins" }),
        new("members[value eq \"{jsmith}\"]", new[] { "Tour Guides" }),
        new("not (members pr)", new[] { "Empty" }),
        new("meta.lastModified ge \"2024-01-05T00:00:00Z\"", new[] { "admins" }),
    ];

    private TestDatabase _database = null!;
    private IReadOnlyList<User> _users = null!;
    private IReadOnlyList<Group> _groups = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _users = ScimQuerySeed.Users();
        _groups = ScimQuerySeed.Groups(_users);
        await using var db = _database.NewContext();
        db.Users.AddRange(_users);
        db.Groups.AddRange(_groups);
        await db.SaveChangesAsync();
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }

    [TestCaseSource(nameof(UserFilters))]
    public async Task User_filters_run_in_the_database(string filter, string[] expected)
    {
        var predicate = Translated(UserFilterTranslator.Translate, filter);
        await using var db = _database.NewContext();

        var matched = await db.Users.Where(predicate).Select(u => u.UserName).ToListAsync();

        Assert.That(matched, Is.EquivalentTo(expected));
        Assert.That(matched, Is.EquivalentTo(_users.Where(predicate.Compile()).Select(u => u.UserName)), "SQL and memory disagree");
    }

    [TestCaseSource(nameof(GroupFilters))]
    public async Task Group_filters_run_in_the_database(string filter, string[] expected)
    {
        filter = filter.Replace("{bjensen}", _users[0].Id, StringComparison.Ordinal).Replace("{jsmith}", _users[1].Id, StringComparison.Ordinal);
        var predicate = Translated(GroupFilterTranslator.Translate, filter);
        await using var db = _database.NewContext();

        var matched = await db.Groups.Where(predicate).Select(g => g.DisplayName).ToListAsync();

        Assert.That(matched, Is.EquivalentTo(expected));
        Assert.That(matched, Is.EquivalentTo(_groups.Where(predicate.Compile()).Select(g => g.DisplayName)), "SQL and memory disagree");
    }

    [TestCase("userName eq \"a\\\" or \\\"1\\\"=\\\"1\"", "A\" OR \"1\"=\"1")]
    [TestCase("userName co \"100%_\"", "100%_")]
    [TestCase("displayName sw \"Needle-7f3a\"", "NEEDLE-7F3A")]
    [TestCase("emails[value ew \"@needle-7f3a.example\"]", "@NEEDLE-7F3A.EXAMPLE")]
    [TestCase("externalId eq \"needle-7f3a\"", "needle-7f3a")]
    public void Values_reach_the_database_as_parameters_not_in_the_sql_text(string filter, string value)
    {
        using var db = _database.NewContext();

        var text = db.Users.Where(Translated(UserFilterTranslator.Translate, filter)).ToQueryString();

        // ToQueryString lists the parameters with their values first (".param set" on SQLite, "-- @" on PostgreSQL);
        // the statement after them must hold only parameter names.
        var lines = text.Split('\n');
        var declarations = lines.Where(l => l.StartsWith(".param set @", StringComparison.Ordinal) || l.StartsWith("-- @", StringComparison.Ordinal)).ToArray();
        var sql = string.Join('\n', lines.Except(declarations)).TrimStart();
        Assert.Multiple(() =>
        {
            Assert.That(declarations, Is.Not.Empty, text);
            Assert.That(sql, Does.StartWith("SELECT"), text);
            Assert.That(sql, Does.Not.Contain(value).IgnoreCase, text);
            Assert.That(sql, Does.Not.Contain("needle").IgnoreCase.And.Not.Contain("\"1\"=\"1").And.Not.Contain("100%"), text);
        });
    }

    [TestCase(null, null, new[] { Wildcards, Injection, Alice, "bjensen", "jsmith" })]
    [TestCase("userName", "descending", new[] { "jsmith", "bjensen", Alice, Injection, Wildcards })]
    [TestCase("displayName", null, new[] { Injection, "bjensen", "jsmith", Wildcards, Alice })]
    [TestCase("displayName", "descending", new[] { Alice, Wildcards, "jsmith", "bjensen", Injection })]
    [TestCase("meta.created", "descending", new[] { Injection, Wildcards, Alice, "jsmith", "bjensen" })]
    [TestCase("meta.lastModified", null, new[] { "jsmith", Alice, Wildcards, Injection, "bjensen" })]
    public async Task Users_sort_the_same_way_on_every_database(string? sortBy, string? sortOrder, string[] expected)
    {
        var sort = ScimSort.ForUsers(sortBy, sortOrder).Value!;
        await using var db = _database.NewContext();

        var sorted = await sort(db.Users).Select(u => u.UserName).ToListAsync();
        var page = await sort(db.Users).Skip(1).Take(2).Select(u => u.UserName).ToListAsync();

        Assert.That(sorted, Is.EqualTo(expected));
        Assert.That(page, Is.EqualTo(expected[1..3]));
    }

    [TestCase("emails")]
    [TestCase("name.familyName")]
    [TestCase("name.givenName")]
    [TestCase("externalId")]
    [TestCase("id")]
    public async Task Every_sort_key_is_translated_and_agrees_with_memory(string sortBy)
    {
        foreach (var sortOrder in new[] { "ascending", "descending" })
        {
            var sort = ScimSort.ForUsers(sortBy, sortOrder).Value!;
            await using var db = _database.NewContext();

            var sorted = await sort(db.Users).Select(u => u.Id).ToListAsync();

            Assert.That(sorted, Is.EqualTo(sort(_users.AsQueryable()).Select(u => u.Id)), sortOrder);
        }
    }

    [TestCase(null, null, new[] { "Empty", "Tour Guides", "admins" })]
    [TestCase("displayName", null, new[] { "admins", "Empty", "Tour Guides" })]
    [TestCase("meta.lastModified", "descending", new[] { "admins", "Empty", "Tour Guides" })]
    public async Task Groups_sort_in_the_database(string? sortBy, string? sortOrder, string[] expected)
    {
        var sort = ScimSort.ForGroups(sortBy, sortOrder).Value!;
        await using var db = _database.NewContext();

        Assert.That(await sort(db.Groups).Select(g => g.DisplayName).ToListAsync(), Is.EqualTo(expected));
    }

    private static Expression<Func<T, bool>> Translated<T>(
        Func<ScimFilter, Auth.Application.Results.Result<Expression<Func<T, bool>>>> translate, string filter)
    {
        var parsed = ScimFilterParser.Parse(filter);
        Assert.That(parsed.Succeeded, () => parsed.Error!.Description);
        var result = translate(parsed.Value!);
        Assert.That(result.Succeeded, () => result.Error!.Description);
        return result.Value!;
    }
}
