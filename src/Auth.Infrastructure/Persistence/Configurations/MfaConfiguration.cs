using Auth.Domain.Mfa;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class TotpAuthenticatorConfiguration : IEntityTypeConfiguration<TotpAuthenticator>
{
    public void Configure(EntityTypeBuilder<TotpAuthenticator> builder)
    {
        builder.ToTable("TotpAuthenticators");
        builder.HasKey(a => a.UserId);
        builder.Property(a => a.UserId).HasMaxLength(64);
        builder.Property(a => a.ProtectedSecret).HasMaxLength(1024);
        builder.Property(a => a.PendingProtectedSecret).HasMaxLength(1024);
        builder.Ignore(a => a.IsConfirmed);
        builder.HasOne<User>().WithOne().HasForeignKey<TotpAuthenticator>(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.ToTable("RecoveryCodes");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.UserId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.CodeHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => new { r.UserId, r.CodeHash });
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
