using Auth.Domain.Groups;
using Auth.Domain.Users;

namespace Auth.Infrastructure.Tests.Scim;

/// <summary>
/// The users and groups the SQL tests filter: the same directory as Auth.Application.Tests' in-memory tests, plus a
/// user whose name is an injection attempt and one whose name holds LIKE wildcards.
/// </summary>
internal static class ScimQuerySeed
{
    public const string ManagerId = "26118915-6090-4610-87e4-49d8ca9f808d";

    public const string Injection = "a\" or \"1\"=\"1";

    public const string Wildcards = "100%_sure";

    public const string Alice = "Alice.Wong";

    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<User> Users()
    {
        var bjensen = new User("bjensen", Start)
        {
            DisplayName = "Babs Jensen",
            GivenName = "Barbara",
            FamilyName = "Jensen",
            Title = "Tour Guide",
            UserType = "Employee",
            Enterprise = new EnterpriseProfile
            {
                EmployeeNumber = "701984",
                CostCenter = "4130",
                Organization = "Universal Studios",
                Division = "Theme Park",
                Department = "Tour Operations",
                ManagerId = ManagerId,
                ManagerDisplayName = "John Smith",
            },
        };
        bjensen.SetExternalId("bjensen-ext", "okta");
        bjensen.ReplaceEmails([new UserEmail("bjensen@example.com", "work", primary: true), new UserEmail("babs@jensen.org", "home")]);
        bjensen.ReplacePhoneNumbers([new UserPhoneNumber("555-555-8377", "work", primary: true)]);
        bjensen.Touch(Start.AddDays(10));

        var jsmith = new User("jsmith", Start.AddDays(1)) { DisplayName = "John Smith", FamilyName = "Smith", UserType = "Intern" };
        jsmith.ReplaceEmails([new UserEmail("John.Smith@Example.org", "work")]);
        jsmith.Deactivate(Start.AddDays(2));

        var alice = new User(Alice, Start.AddDays(3)) { GivenName = "Alice", UserType = "Employee" };
        alice.ReplaceEmails([new UserEmail("alice@example.com", "home")]);

        var wildcards = new User(Wildcards, Start.AddDays(4)) { DisplayName = "Percent_Underscore" };

        var injection = new User(Injection, Start.AddDays(5)) { DisplayName = "" };

        return [bjensen, jsmith, alice, wildcards, injection];
    }

    public static IReadOnlyList<Group> Groups(IReadOnlyList<User> users)
    {
        var guides = new Group("Tour Guides", Start);
        guides.SetExternalId("guides-ext", "okta");
        guides.AddMember(users[0].Id);
        guides.AddMember(users[1].Id);

        var admins = new Group("admins", Start.AddDays(1));
        admins.AddMember(users[0].Id);
        admins.Touch(Start.AddDays(5));

        return [guides, admins, new Group("Empty", Start.AddDays(2))];
    }
}
