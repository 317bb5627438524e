using Auth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class BackChannelLogoutNoticeConfiguration : IEntityTypeConfiguration<BackChannelLogoutNotice>
{
    public void Configure(EntityTypeBuilder<BackChannelLogoutNotice> builder)
    {
        // No foreign key to the session: the notice outlives the session it tells of, by design.
        builder.ToTable("BackChannelLogoutNotices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.ClientId).HasMaxLength(100).IsRequired();
        builder.Property(n => n.Subject).HasMaxLength(64).IsRequired();
        builder.Property(n => n.SessionId).HasMaxLength(64).IsRequired();
        builder.Property(n => n.LastError).HasMaxLength(BackChannelLogoutNotice.MaximumErrorLength);

        // The delivery worker's query on every node: the due notices not given up, oldest first.
        builder.HasIndex(n => new { n.Failed, n.NextAttemptAt });
    }
}
