using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class RefusedSignInNameConfiguration : IEntityTypeConfiguration<RefusedSignInName>
{
    public void Configure(EntityTypeBuilder<RefusedSignInName> builder)
    {
        builder.ToTable("RefusedSignInNames");
        builder.HasKey(r => r.NormalizedUserName);
        builder.Property(r => r.NormalizedUserName).HasMaxLength(256);
        builder.HasIndex(r => r.LastAttemptAt);
    }
}
