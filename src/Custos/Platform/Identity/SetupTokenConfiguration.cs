using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Platform.Identity;

internal sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> builder)
    {
        builder.ToTable("identity_setup_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.Purpose).HasMaxLength(40).IsRequired();

        // At most one consumed token, ever: first-run setup happens once, whatever number of nodes raced to it.
        builder.HasIndex(t => t.Purpose).IsUnique().HasFilter("used_at IS NOT NULL").HasDatabaseName("ux_identity_setup_tokens_one_used");
    }
}
