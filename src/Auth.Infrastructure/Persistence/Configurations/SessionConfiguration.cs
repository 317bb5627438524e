using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.UserId).HasMaxLength(64).IsRequired();
        // Room for a federated sign-in's methods too: fed, the upstream's trusted methods, otp.
        builder.Property(s => s.AuthenticationMethods).HasMaxLength(256).IsRequired();
        builder.Ignore(s => s.Methods);
        builder.Property(s => s.IdentityProviderId).HasMaxLength(64);
        builder.Property(s => s.ProtectedUpstreamIdToken);

        // Ending a user's sessions, and pruning by age.
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasIndex(s => s.LastSeenAt);

        // Removing a provider ends the sessions begun through it.
        builder.HasIndex(s => s.IdentityProviderId);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SessionClientConfiguration : IEntityTypeConfiguration<SessionClient>
{
    public void Configure(EntityTypeBuilder<SessionClient> builder)
    {
        builder.ToTable("SessionClients");
        builder.HasKey(c => new { c.SessionId, c.ClientId });
        builder.Property(c => c.SessionId).HasMaxLength(64);
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.HasOne<UserSession>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
