using Auth.Application.Clients;
using Auth.Application.Groups;
using Auth.Domain.Groups;

namespace Auth.Application.Tests.Groups;

public sealed class TokenMembershipsTests
{
    private static readonly MemberGroup Engineers = new("g-eng", "Engineers");
    private static readonly MemberGroup Admins = new("g-adm", "IT Admins");
    private static readonly MemberGroup Approvers = new("g-app", "Finance Approvers");

    [Test]
    public void Group_names_are_listed_sorted_and_once()
    {
        var memberships = TokenMemberships.Of([Engineers, Admins, new MemberGroup("g-other", "Engineers")], true, GroupsClaimValue.DisplayName, 200, []);

        Assert.That(memberships.Groups, Is.EqualTo(new[] { "Engineers", "IT Admins" }));
    }

    [Test]
    public void The_id_setting_lists_group_ids() =>
        Assert.That(TokenMemberships.Of([Engineers, Admins], true, GroupsClaimValue.Id, 200, []).Groups, Is.EqualTo(new[] { "g-adm", "g-eng" }));

    [Test]
    public void Without_the_groups_scope_there_is_no_groups_claim()
    {
        var memberships = TokenMemberships.Of([Engineers], false, GroupsClaimValue.DisplayName, 200, []);

        Assert.Multiple(() =>
        {
            Assert.That(memberships.Groups, Is.Null);
            Assert.That(memberships.GroupsLeftOut, Is.False);
        });
    }

    [Test]
    public void Exactly_the_limit_is_listed_and_one_more_leaves_the_claim_out()
    {
        var atLimit = TokenMemberships.Of([Engineers, Admins], true, GroupsClaimValue.DisplayName, 2, []);
        var past = TokenMemberships.Of([Engineers, Admins, Approvers], true, GroupsClaimValue.DisplayName, 2, []);

        Assert.Multiple(() =>
        {
            Assert.That(atLimit.Groups, Has.Count.EqualTo(2));
            Assert.That(atLimit.GroupsLeftOut, Is.False);
            Assert.That(past.Groups, Is.Null);
            Assert.That(past.GroupsLeftOut, Is.True);
        });
    }

    [Test]
    public void The_default_limit_is_entras_200() => Assert.That(TokenMemberships.DefaultMaximumGroups, Is.EqualTo(200));

    [Test]
    public void Roles_come_from_mapped_groups_by_name_ignoring_case_or_by_id()
    {
        ClientRoleMapping[] mappings =
        [
            new("hr", "admin", "it admins"),
            new("hr", "admin", "HR Admins"),
            new("hr", "approver", "g-app"),
            new("hr", "auditor", "Auditors"),
        ];

        var memberships = TokenMemberships.Of([Admins, Approvers, Engineers], false, GroupsClaimValue.DisplayName, 200, mappings);

        Assert.That(memberships.Roles, Is.EqualTo(new[] { "admin", "approver" }));
    }

    [Test]
    public void Roles_are_kept_when_the_groups_are_left_out()
    {
        var memberships = TokenMemberships.Of([Engineers, Admins, Approvers], true, GroupsClaimValue.DisplayName, 1, [new ClientRoleMapping("hr", "admin", "IT Admins")]);

        Assert.Multiple(() =>
        {
            Assert.That(memberships.GroupsLeftOut, Is.True);
            Assert.That(memberships.Roles, Is.EqualTo(new[] { "admin" }));
        });
    }
}
