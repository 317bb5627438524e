using Auth.Application.Results;
using Auth.Application.Scim.Query;
using Auth.Domain.Groups;
using Auth.Domain.Users;

namespace Auth.Application.Tests.Scim.Query;

public sealed class ScimSortTests
{
    private const string Sure = "100%_sure";
    private const string Alice = "Alice.Wong";

    private readonly IReadOnlyList<User> _users = SampleUsers.Create();

    [TestCase(null, null, Sure, SampleUsers.Injection, Alice, "bjensen", "jsmith")]
    [TestCase(null, "descending", "jsmith", "bjensen", Alice, SampleUsers.Injection, Sure)]
    [TestCase("userName", "ascending", Sure, SampleUsers.Injection, Alice, "bjensen", "jsmith")]
    [TestCase("USERNAME", "Descending", "jsmith", "bjensen", Alice, SampleUsers.Injection, Sure)]
    [TestCase("urn:ietf:params:scim:schemas:core:2.0:User:userName", null, Sure, SampleUsers.Injection, Alice, "bjensen", "jsmith")]
    [TestCase("meta.created", "descending", SampleUsers.Injection, Sure, Alice, "jsmith", "bjensen")]
    [TestCase("meta.lastModified", null, "jsmith", Alice, Sure, SampleUsers.Injection, "bjensen")]
    public void Users_sort_by_the_named_attribute(string? sortBy, string? sortOrder, params string[] expected) =>
        Assert.That(Sorted(sortBy, sortOrder), Is.EqualTo(expected));

    [Test]
    public void Missing_values_sort_last_ascending_and_first_descending()
    {
        Assert.Multiple(() =>
        {
            // Alice has no display name; the injection user's is empty, which is a value.
            Assert.That(Sorted("displayName", null), Is.EqualTo(new[] { SampleUsers.Injection, "bjensen", "jsmith", Sure, Alice }));
            Assert.That(Sorted("displayName", "descending"), Is.EqualTo(new[] { Alice, Sure, "jsmith", "bjensen", SampleUsers.Injection }));
            Assert.That(Sorted("name.familyName", null).Take(2), Is.EqualTo(new[] { "bjensen", "jsmith" }));
            Assert.That(Sorted("emails", null).Take(3), Is.EqualTo(new[] { Alice, "bjensen", "jsmith" }));
        });
    }

    [Test]
    public void Users_level_on_the_sort_key_are_ordered_by_id()
    {
        var ids = _users.Where(u => u.FamilyName is null).Select(u => u.Id).Order(StringComparer.Ordinal).ToArray();

        var sorted = ScimSort.ForUsers("name.familyName", null).Value!(_users.AsQueryable()).Skip(2).Select(u => u.Id).ToArray();

        Assert.That(sorted, Is.EqualTo(ids));
    }

    [Test]
    public void Groups_sort_by_display_name_by_default()
    {
        var now = DateTimeOffset.UnixEpoch;
        Group[] groups = [new("b", now), new("A", now), new("C", now)];

        var byDefault = ScimSort.ForGroups(null, null).Value!(groups.AsQueryable()).Select(g => g.DisplayName);
        var ignoringCase = ScimSort.ForGroups("displayName", "descending").Value!(groups.AsQueryable()).Select(g => g.DisplayName);

        Assert.That(byDefault, Is.EqualTo(new[] { "A", "C", "b" }));
        Assert.That(ignoringCase, Is.EqualTo(new[] { "C", "b", "A" }));
    }

    [TestCase("nickName", null, "Cannot sort by 'nickName'")]
    [TestCase("urn:ietf:params:scim:schemas:core:2.0:Group:userName", null, "Cannot sort by")]
    [TestCase("userName", "up", "sortOrder")]
    public void Unknown_sort_parameters_are_invalid_values(string? sortBy, string? sortOrder, string reason)
    {
        var result = ScimSort.ForUsers(sortBy, sortOrder);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error!.Kind, Is.EqualTo(ErrorKind.Invalid));
        Assert.That(result.Error.Description, Does.Contain(reason));
    }

    private string[] Sorted(string? sortBy, string? sortOrder)
    {
        var sort = ScimSort.ForUsers(sortBy, sortOrder);
        Assert.That(sort.Succeeded, () => sort.Error!.Description);
        return [.. sort.Value!(_users.AsQueryable()).Select(u => u.UserName)];
    }
}
