using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Modules.AccessGovernance.Persistence;

internal sealed class ElevationConfiguration : IEntityTypeConfiguration<Elevation>
{
    public void Configure(EntityTypeBuilder<Elevation> builder)
    {
        builder.ToTable("access_elevations");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);

        // Two approvers deciding at once, or two reviewers closing at once: the update is conditional on the state
        // read, so only the first one wins and the second gets a clear message.
        builder.Property(e => e.Approved).IsConcurrencyToken();
        builder.Property(e => e.UserName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.RoleName).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Justification).HasMaxLength(ElevationRules.MaximumTextLength).IsRequired();
        builder.Property(e => e.DecidedById).HasMaxLength(120);
        builder.Property(e => e.DecidedByName).HasMaxLength(200);
        builder.Property(e => e.DecisionNote).HasMaxLength(ElevationRules.MaximumTextLength);
        builder.Property(e => e.Review).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.Property(e => e.ReviewedByName).HasMaxLength(200);
        builder.Property(e => e.ReviewFindings).HasMaxLength(ElevationRules.MaximumTextLength);
        builder.HasIndex(e => new { e.UserId, e.ExpiresAt });
        builder.HasIndex(e => e.RequestedAt);
    }
}
