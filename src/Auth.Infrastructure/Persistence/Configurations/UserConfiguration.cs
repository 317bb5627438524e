using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasMaxLength(64);
        builder.Property(u => u.UserName).HasMaxLength(256).IsRequired();
        builder.Property(u => u.NormalizedUserName).HasMaxLength(256).IsRequired();
        builder.HasIndex(u => u.NormalizedUserName).IsUnique();
        builder.Property(u => u.PasswordHash).HasMaxLength(256);
        builder.Property(u => u.DisplayName).HasMaxLength(256);
        builder.Property(u => u.GivenName).HasMaxLength(256);
        builder.Property(u => u.FamilyName).HasMaxLength(256);
        builder.Property(u => u.FormattedName).HasMaxLength(512);
        builder.Property(u => u.MiddleName).HasMaxLength(256);
        builder.Property(u => u.HonorificPrefix).HasMaxLength(64);
        builder.Property(u => u.HonorificSuffix).HasMaxLength(64);
        builder.Property(u => u.NickName).HasMaxLength(256);
        builder.Property(u => u.ProfileUrl).HasMaxLength(2048);
        builder.Property(u => u.Title).HasMaxLength(256);
        builder.Property(u => u.UserType).HasMaxLength(128);
        builder.Property(u => u.PreferredLanguage).HasMaxLength(64);
        builder.Property(u => u.Locale).HasMaxLength(64);
        builder.Property(u => u.Timezone).HasMaxLength(64);
        builder.Property(u => u.ExternalId).HasMaxLength(256);
        builder.Property(u => u.ExternalIdIssuer).HasMaxLength(100);
        // Not unique: RFC 7643 asks nothing of externalId; Scim:UniqueExternalId checks it in the use case when wanted.
        builder.HasIndex(u => new { u.ExternalIdIssuer, u.ExternalId });
        builder.HasIndex(u => u.UpdatedAt);
        builder.Property(u => u.CreatedByIdentityProvider).HasMaxLength(64);
        builder.Ignore(u => u.PrimaryEmail);
        builder.Ignore(u => u.Roles);
        builder.Property(u => u.Version).IsConcurrencyToken();

        builder.OwnsOne(u => u.Enterprise, enterprise =>
        {
            enterprise.Property(e => e.EmployeeNumber).HasColumnName("EmployeeNumber").HasMaxLength(128);
            enterprise.Property(e => e.CostCenter).HasColumnName("CostCenter").HasMaxLength(128);
            enterprise.Property(e => e.Organization).HasColumnName("Organization").HasMaxLength(256);
            enterprise.Property(e => e.Division).HasColumnName("Division").HasMaxLength(256);
            enterprise.Property(e => e.Department).HasColumnName("Department").HasMaxLength(256);
            enterprise.Property(e => e.ManagerId).HasColumnName("ManagerId").HasMaxLength(64);
            enterprise.Property(e => e.ManagerDisplayName).HasColumnName("ManagerDisplayName").HasMaxLength(256);
        });
        builder.Navigation(u => u.Enterprise).IsRequired();

        builder.OwnsMany(u => u.Emails, email =>
        {
            email.ToTable("UserEmails");
            email.WithOwner().HasForeignKey("UserId");
            email.Property<int>("Id");
            email.HasKey("Id");
            email.Property(e => e.Value).HasMaxLength(320).IsRequired();
            email.Property(e => e.NormalizedValue).HasMaxLength(320).IsRequired();
            email.Property(e => e.Type).HasMaxLength(64);
            email.Property(e => e.Display).HasMaxLength(320);
            email.HasIndex(e => e.NormalizedValue);
        });

        builder.OwnsMany(u => u.PhoneNumbers, phone =>
        {
            phone.ToTable("UserPhoneNumbers");
            phone.WithOwner().HasForeignKey("UserId");
            phone.Property<int>("Id");
            phone.HasKey("Id");
            phone.Property(p => p.Value).HasMaxLength(64).IsRequired();
            phone.Property(p => p.Type).HasMaxLength(64);
            phone.Property(p => p.Display).HasMaxLength(64);
        });

        builder.OwnsMany(u => u.Addresses, address =>
        {
            address.ToTable("UserAddresses");
            address.WithOwner().HasForeignKey("UserId");
            address.Property<int>("Id");
            address.HasKey("Id");
            address.Property(a => a.Formatted).HasMaxLength(1024);
            address.Property(a => a.StreetAddress).HasMaxLength(512);
            address.Property(a => a.Locality).HasMaxLength(256);
            address.Property(a => a.Region).HasMaxLength(256);
            address.Property(a => a.PostalCode).HasMaxLength(64);
            address.Property(a => a.Country).HasMaxLength(64);
            address.Property(a => a.Type).HasMaxLength(64);
        });
        builder.Property(u => u.SecurityStamp).HasMaxLength(64).IsRequired();

        // Two wrong passwords at once must both count: the second write fails and is retried on fresh data.
        builder.Property(u => u.FailedSignInCount).IsConcurrencyToken();
    }
}
