using Auth.Infrastructure.AccessChanges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Auth.Infrastructure.Persistence.Configurations;

public sealed class AccessChangeConfiguration : IEntityTypeConfiguration<AccessChange>
{
    public void Configure(EntityTypeBuilder<AccessChange> builder)
    {
        builder.ToTable("AccessChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
        builder.Property(c => c.Key).HasMaxLength(200).IsRequired();

        // The feed reads what is new by id and, on PostgreSQL, what transactions open at its last read wrote (ids may
        // commit out of order); pruning deletes by expiry.
        builder.HasIndex(c => c.TransactionId);
        builder.HasIndex(c => c.Expires);
    }
}
