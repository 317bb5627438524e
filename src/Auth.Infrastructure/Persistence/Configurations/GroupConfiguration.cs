using Auth.Domain.Groups;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.ToTable("Groups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).HasMaxLength(64);
        builder.Property(g => g.DisplayName).HasMaxLength(256).IsRequired();
        builder.HasIndex(g => g.DisplayName);
        builder.Property(g => g.ExternalId).HasMaxLength(256);
        builder.Property(g => g.ExternalIdIssuer).HasMaxLength(100);
        builder.HasIndex(g => new { g.ExternalIdIssuer, g.ExternalId });
        builder.Property(g => g.ProvisioningClient).HasMaxLength(100);
        builder.Property(g => g.UniqueDisplayName).HasMaxLength(256);
        builder.HasIndex(g => new { g.ProvisioningClient, g.UniqueDisplayName }).IsUnique();
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.ToTable("GroupMembers");
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.HasIndex(m => m.UserId);

        // Deleting a user ends their memberships (the user's groups attribute is derived from these rows).
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ClientRoleMappingConfiguration : IEntityTypeConfiguration<ClientRoleMapping>
{
    public void Configure(EntityTypeBuilder<ClientRoleMapping> builder)
    {
        // Keyed by client first: tokens read one client's mappings; removing a client deletes them by this prefix.
        builder.ToTable("ClientRoleMappings");
        builder.HasKey(m => new { m.ClientId, m.Role, m.GroupKey });
        builder.Property(m => m.ClientId).HasMaxLength(100);
        builder.Property(m => m.Role).HasMaxLength(100);
        builder.Property(m => m.GroupKey).HasMaxLength(256);
    }
}
