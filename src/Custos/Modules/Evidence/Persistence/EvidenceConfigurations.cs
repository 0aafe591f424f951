using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Modules.Evidence.Persistence;

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> builder)
    {
        builder.ToTable("evidence_items");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Title).HasMaxLength(300).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(8000);
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.FileSha256).HasMaxLength(64);
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.ContentType).HasMaxLength(200);
        builder.Property(e => e.UploadedBy).HasMaxLength(200).IsRequired();
        builder.Property(e => e.ReviewedBy).HasMaxLength(200);
        builder.Property(e => e.ReviewNote).HasMaxLength(2000);

        // One version number per series, even when two people upload a new version at once.
        builder.HasIndex(e => new { e.SeriesId, e.Version }).IsUnique();
        builder.HasIndex(e => e.FileSha256);
        builder.HasMany(e => e.Requirements).WithOne().HasForeignKey(r => r.EvidenceId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(e => e.Requirements).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("requirements");
    }
}

internal sealed class EvidenceRequirementConfiguration : IEntityTypeConfiguration<EvidenceRequirement>
{
    public void Configure(EntityTypeBuilder<EvidenceRequirement> builder)
    {
        builder.ToTable("evidence_item_requirements");
        builder.HasKey(r => new { r.EvidenceId, r.RequirementKey });
        builder.Property(r => r.RequirementKey).HasMaxLength(120);
        builder.HasIndex(r => r.RequirementKey);
    }
}

internal sealed class EvidenceIntegrityFindingConfiguration : IEntityTypeConfiguration<EvidenceIntegrityFinding>
{
    public void Configure(EntityTypeBuilder<EvidenceIntegrityFinding> builder)
    {
        builder.ToTable("evidence_integrity_findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.FileSha256).HasMaxLength(64).IsRequired();
        builder.Property(f => f.Result).HasMaxLength(20).IsRequired();
        builder.Property(f => f.Detail).HasMaxLength(1000).IsRequired();
    }
}
