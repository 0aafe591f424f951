using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Modules.Safeguards.Persistence;

internal sealed class ControlImplementationConfiguration : IEntityTypeConfiguration<ControlImplementation>
{
    public void Configure(EntityTypeBuilder<ControlImplementation> builder)
    {
        builder.ToTable("safeguards_implementations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.RequirementKey).HasMaxLength(120).IsRequired();
        builder.HasIndex(i => i.RequirementKey).IsUnique();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.Decision).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.NotApplicableReason).HasMaxLength(2000);
        builder.Property(i => i.Owner).HasMaxLength(200);
        builder.Property(i => i.HowMet).HasMaxLength(4000);
        builder.Property(i => i.DecisionJustification).HasMaxLength(4000);
        builder.Property(i => i.AlternativeMeasure).HasMaxLength(4000);
        builder.Property(i => i.NoAlternativeFinding).HasMaxLength(4000);
        builder.Property(i => i.UpdatedBy).HasMaxLength(200).IsRequired();
        builder.Ignore(i => i.State);
    }
}

internal sealed class ImplementationChangeConfiguration : IEntityTypeConfiguration<ImplementationChange>
{
    public void Configure(EntityTypeBuilder<ImplementationChange> builder)
    {
        builder.ToTable("safeguards_implementation_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.RequirementKey).HasMaxLength(120).IsRequired();
        builder.Property(c => c.What).HasMaxLength(20).IsRequired();
        builder.Property(c => c.Before).HasMaxLength(20000).IsRequired();
        builder.Property(c => c.After).HasMaxLength(20000).IsRequired();
        builder.Property(c => c.ChangedBy).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => new { c.RequirementKey, c.ChangedAt });
    }
}

internal sealed class ImplementationLinkConfiguration : IEntityTypeConfiguration<ImplementationLink>
{
    public void Configure(EntityTypeBuilder<ImplementationLink> builder)
    {
        builder.ToTable("safeguards_implementation_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.RequirementKey).HasMaxLength(120).IsRequired();
        builder.Property(l => l.Kind).HasMaxLength(40).IsRequired();
        builder.Property(l => l.Target).HasMaxLength(1000).IsRequired();
        builder.Property(l => l.Title).HasMaxLength(300).IsRequired();
        builder.Property(l => l.AddedBy).HasMaxLength(200).IsRequired();
        builder.HasIndex(l => l.RequirementKey);
    }
}

internal sealed class CustomRequirementConfiguration : IEntityTypeConfiguration<CustomRequirement>
{
    public void Configure(EntityTypeBuilder<CustomRequirement> builder)
    {
        builder.ToTable("safeguards_custom_requirements");
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(120);
        builder.Property(r => r.Title).HasMaxLength(300).IsRequired();
        builder.Property(r => r.Guidance).HasMaxLength(8000).IsRequired();
        builder.Property(r => r.Family).HasMaxLength(40).IsRequired();
        builder.Property(r => r.Source).HasMaxLength(300).IsRequired();
        builder.Property(r => r.CreatedBy).HasMaxLength(200).IsRequired();
    }
}

internal sealed class CatalogProfileChoiceConfiguration : IEntityTypeConfiguration<CatalogProfileChoice>
{
    public void Configure(EntityTypeBuilder<CatalogProfileChoice> builder)
    {
        builder.ToTable("safeguards_profile_choices");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ProfileId).HasMaxLength(60).IsRequired();
        builder.Property(c => c.ChangedBy).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => new { c.ProfileId, c.ChangedAt });
    }
}

internal sealed class CatalogStateConfiguration : IEntityTypeConfiguration<CatalogState>
{
    public void Configure(EntityTypeBuilder<CatalogState> builder)
    {
        builder.ToTable("safeguards_catalog_state");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).HasMaxLength(40).IsRequired();
        builder.Property(s => s.Snapshot).IsRequired();
    }
}

internal sealed class CatalogUpgradeConfiguration : IEntityTypeConfiguration<CatalogUpgrade>
{
    public void Configure(EntityTypeBuilder<CatalogUpgrade> builder)
    {
        builder.ToTable("safeguards_catalog_upgrades");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.FromVersion).HasMaxLength(40).IsRequired();
        builder.Property(u => u.ToVersion).HasMaxLength(40).IsRequired();
        builder.Property(u => u.Report).IsRequired();
        builder.Property(u => u.DismissedBy).HasMaxLength(200);
        builder.HasIndex(u => new { u.FromVersion, u.ToVersion }).IsUnique();
    }
}
