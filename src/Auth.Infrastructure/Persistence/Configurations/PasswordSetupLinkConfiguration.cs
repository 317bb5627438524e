using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class PasswordSetupLinkConfiguration : IEntityTypeConfiguration<PasswordSetupLink>
{
    public void Configure(EntityTypeBuilder<PasswordSetupLink> builder)
    {
        builder.ToTable("PasswordSetupLinks");
        builder.HasKey(l => l.TokenHash);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.UserId).HasMaxLength(64).IsRequired();
        builder.HasIndex(l => l.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
