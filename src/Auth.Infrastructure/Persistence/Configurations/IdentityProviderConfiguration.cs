using Auth.Domain.IdentityProviders;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class IdentityProviderConfiguration : IEntityTypeConfiguration<IdentityProvider>
{
    public void Configure(EntityTypeBuilder<IdentityProvider> builder)
    {
        builder.ToTable("IdentityProviders");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.DisplayName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Issuer).HasMaxLength(2048);
        builder.Property(p => p.Tenant).HasMaxLength(64);
        builder.Property(p => p.AllowedTenants).HasMaxLength(4000);
        builder.Property(p => p.ClientId).HasMaxLength(256).IsRequired();
        builder.Property(p => p.ClientAuthentication).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.SigningKeyId).HasMaxLength(64);
        builder.Property(p => p.Scopes).HasMaxLength(1000).IsRequired();
        builder.Property(p => p.SubjectClaim).HasMaxLength(64).IsRequired();
        builder.Property(p => p.UserNameClaim).HasMaxLength(64).IsRequired();
        builder.Property(p => p.EmailClaim).HasMaxLength(64).IsRequired();
        builder.Property(p => p.GivenNameClaim).HasMaxLength(64).IsRequired();
        builder.Property(p => p.FamilyNameClaim).HasMaxLength(64).IsRequired();
        builder.Property(p => p.DisplayNameClaim).HasMaxLength(64).IsRequired();
        builder.Property(p => p.ExternalIdClaim).HasMaxLength(64);
        builder.Property(p => p.ProvisioningClient).HasMaxLength(100);
        builder.Property(p => p.MfaAcrValues).HasMaxLength(1000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.IsMultiTenant);
        builder.Ignore(p => p.EffectiveIssuer);
        builder.Ignore(p => p.AllowedTenantIds);
        builder.Ignore(p => p.ScopeList);
        builder.Ignore(p => p.MfaAcrValueList);
        builder.HasMany(p => p.Domains).WithOne().HasForeignKey(d => d.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class IdentityProviderDomainConfiguration : IEntityTypeConfiguration<IdentityProviderDomain>
{
    public void Configure(EntityTypeBuilder<IdentityProviderDomain> builder)
    {
        builder.ToTable("IdentityProviderDomains");

        // A domain belongs to one provider at most: home-realm discovery is never ambiguous.
        builder.HasKey(d => d.Domain);
        builder.Property(d => d.Domain).HasMaxLength(253);
        builder.Property(d => d.ProviderId).HasMaxLength(64).IsRequired();
        builder.HasIndex(d => d.ProviderId);
    }
}

public sealed class ExternalLoginConfiguration : IEntityTypeConfiguration<ExternalLogin>
{
    public void Configure(EntityTypeBuilder<ExternalLogin> builder)
    {
        builder.ToTable("ExternalLogins");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasMaxLength(64);
        builder.Property(l => l.ProviderId).HasMaxLength(64).IsRequired();
        builder.Property(l => l.UpstreamSubject).HasMaxLength(300).IsRequired();
        builder.Property(l => l.UserId).HasMaxLength(64);
        builder.Property(l => l.LinkedBy).HasConversion<string>().HasMaxLength(32);
        builder.Ignore(l => l.IsTombstone);

        // One upstream identity never maps to two users...
        builder.HasIndex(l => new { l.ProviderId, l.UpstreamSubject }).IsUnique();

        // ...and one user never gets two identities of one provider. Both stores treat NULLs as distinct, so
        // tombstones (deleted users) do not collide.
        builder.HasIndex(l => new { l.ProviderId, l.UserId }).IsUnique();
        builder.HasIndex(l => l.UserId);

        builder.HasOne<IdentityProvider>().WithMany().HasForeignKey(l => l.ProviderId).OnDelete(DeleteBehavior.Cascade);

        // A deleted user leaves a tombstone, so the identity cannot get a fresh account by itself (JIT).
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}
