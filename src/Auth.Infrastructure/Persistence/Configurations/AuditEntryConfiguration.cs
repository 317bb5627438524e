using Auth.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.EventType).HasMaxLength(64);
        builder.Property(e => e.Outcome).HasMaxLength(32);
        builder.Property(e => e.SubjectId).HasMaxLength(64);
        builder.Property(e => e.ClientId).HasMaxLength(128);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.CorrelationId).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(256);
        builder.Property(e => e.Actor).HasMaxLength(200);

        // Reading back newest first, by time, by user, by type; pruning by time.
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.SubjectId, e.Id });
        builder.HasIndex(e => new { e.EventType, e.Id });
    }
}
