using Auth.Domain.Users;

namespace Auth.Application.Tests.Scim.Query;

/// <summary>A small directory whose users differ in exactly the ways the filter tests look at.</summary>
internal static class SampleUsers
{
    public const string ManagerId = "26118915-6090-4610-87e4-49d8ca9f808d";

    public const string Injection = "a\" or \"1\"=\"1";

    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<User> Create()
    {
        // RFC 7643 §8.3's example user, more or less.
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

        var alice = new User("Alice.Wong", Start.AddDays(3)) { GivenName = "Alice", UserType = "Employee" };
        alice.ReplaceEmails([new UserEmail("alice@example.com", "home")]);

        var wildcards = new User("100%_sure", Start.AddDays(4)) { DisplayName = "Percent_Underscore" };

        var injection = new User(Injection, Start.AddDays(5)) { DisplayName = "" };

        return [bjensen, jsmith, alice, wildcards, injection];
    }
}
