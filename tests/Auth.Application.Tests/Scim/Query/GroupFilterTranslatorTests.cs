using Auth.Application.Results;
using Auth.Application.Scim.Filters;
using Auth.Application.Scim.Query;
using Auth.Domain.Groups;

namespace Auth.Application.Tests.Scim.Query;

public sealed class GroupFilterTranslatorTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<Group> _groups = Create();

    [TestCase("displayName eq \"tour guides\"", "Tour Guides")]
    [TestCase("urn:ietf:params:scim:schemas:core:2.0:Group:displayName sw \"TOUR\"", "Tour Guides")]
    [TestCase("displayName ne \"Tour Guides\"", "Admins", "Empty")]
    [TestCase("externalId eq \"guides-ext\"", "Tour Guides")]
    [TestCase("externalId eq \"GUIDES-EXT\"")]
    [TestCase("members eq \"user-1\"", "Tour Guides", "Admins")]
    [TestCase("members.value eq \"user-2\"", "Tour Guides")]
    [TestCase("members[value eq \"user-2\"]", "Tour Guides")]
    [TestCase("members eq \"USER-1\"")]
    [TestCase("members pr", "Tour Guides", "Admins")]
    [TestCase("not (members pr)", "Empty")]
    [TestCase("meta.created gt \"2024-01-01T12:00:00Z\"", "Admins", "Empty")]
    [TestCase("meta.lastModified ge \"2024-01-05T00:00:00Z\"", "Admins")]
    public void Groups_are_filtered_by_their_attributes(string filter, params string[] expected)
    {
        var predicate = Translated(filter).Compile();

        Assert.That(_groups.Where(predicate).Select(g => g.DisplayName), Is.EquivalentTo(expected));
    }

    [Test]
    public void Id_compares_case_exactly()
    {
        var id = _groups[0].Id;

        Assert.That(_groups.Where(Translated($"id eq \"{id}\"").Compile()), Is.EqualTo(new[] { _groups[0] }));
        Assert.That(_groups.Where(Translated($"id eq \"{id.ToUpperInvariant()}\"").Compile()), Is.Empty);
    }

    [TestCase("userName eq \"bjensen\"", "'userName'")]
    [TestCase("members.display eq \"Babs\"", "'members.display'")]
    [TestCase("members[type eq \"User\"]", "'members.type'")]
    [TestCase("urn:ietf:params:scim:schemas:core:2.0:User:displayName eq \"x\"", "displayName")]
    [TestCase("displayName gt 1", "quoted value")]
    public void Attributes_groups_do_not_have_are_invalid_filters(string filter, string reason)
    {
        var result = GroupFilterTranslator.Translate(ScimFilterParser.Parse(filter).Value!);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error!.Kind, Is.EqualTo(ErrorKind.Invalid));
        Assert.That(result.Error.Description, Does.Contain(reason));
    }

    private static System.Linq.Expressions.Expression<Func<Group, bool>> Translated(string filter)
    {
        var parsed = ScimFilterParser.Parse(filter);
        Assert.That(parsed.Succeeded, () => parsed.Error!.Description);
        var result = GroupFilterTranslator.Translate(parsed.Value!);
        Assert.That(result.Succeeded, () => result.Error!.Description);
        return result.Value!;
    }

    private static List<Group> Create()
    {
        var guides = new Group("Tour Guides", Start);
        guides.SetExternalId("guides-ext", "okta");
        guides.AddMember("user-1");
        guides.AddMember("user-2");

        var admins = new Group("Admins", Start.AddDays(1));
        admins.AddMember("user-1");
        admins.Touch(Start.AddDays(5));

        return [guides, admins, new Group("Empty", Start.AddDays(2))];
    }
}
