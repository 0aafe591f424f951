using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Platform.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.Sequence).IsUnique();

        // The sequencer's work list: entries written but not yet integrated.
        builder.HasIndex(e => e.Id).HasFilter("sequence IS NULL").HasDatabaseName("ix_audit_entries_waiting");
        builder.HasIndex(e => new { e.ResourceType, e.ResourceId, e.Sequence });
        builder.HasIndex(e => new { e.ActorId, e.Sequence });
        builder.HasIndex(e => e.RecordedAt);
        builder.Property(e => e.Action).HasMaxLength(AuditEntry.ActionLength).IsRequired();
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ActorId).HasMaxLength(AuditEntry.IdLength).IsRequired();
        builder.Property(e => e.ActorName).HasMaxLength(AuditEntry.NameLength).IsRequired();
        builder.Property(e => e.ResourceType).HasMaxLength(AuditEntry.ResourceTypeLength);
        builder.Property(e => e.ResourceId).HasMaxLength(AuditEntry.IdLength);
        builder.Property(e => e.ClientAddress).HasMaxLength(AuditEntry.AddressLength);
        builder.Property(e => e.UserAgent).HasMaxLength(AuditEntry.UserAgentLength);
        builder.Property(e => e.Node).HasMaxLength(AuditEntry.NodeLength).IsRequired();
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(AuditEntry.ReasonLength);
        builder.Property(e => e.CorrelationId).HasMaxLength(AuditEntry.CorrelationLength).IsRequired();
    }
}

internal sealed class AuditTreeNodeConfiguration : IEntityTypeConfiguration<AuditTreeNode>
{
    public void Configure(EntityTypeBuilder<AuditTreeNode> builder)
    {
        builder.ToTable("audit_tree_nodes");
        builder.HasKey(n => n.Position);
        builder.Property(n => n.Position).ValueGeneratedNever();
        builder.Property(n => n.Hash).IsRequired();
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.TreeSize);
        builder.Property(c => c.Origin).HasMaxLength(200).IsRequired();
        builder.Property(c => c.KeyId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.RootHash).IsRequired();
        builder.Property(c => c.Signature).IsRequired();
    }
}

internal sealed class AuditLedgerInfoConfiguration : IEntityTypeConfiguration<AuditLedgerInfo>
{
    public void Configure(EntityTypeBuilder<AuditLedgerInfo> builder)
    {
        builder.ToTable("audit_ledger_info");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Origin).HasMaxLength(200).IsRequired();
    }
}

internal sealed class AuditVerificationRunConfiguration : IEntityTypeConfiguration<AuditVerificationRun>
{
    public void Configure(EntityTypeBuilder<AuditVerificationRun> builder)
    {
        builder.ToTable("audit_verification_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Trigger).HasMaxLength(40).IsRequired();
        builder.Property(r => r.FailureKind).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.Message).HasMaxLength(1000);
    }
}

internal sealed class AuditAlertConfiguration : IEntityTypeConfiguration<AuditAlert>
{
    public void Configure(EntityTypeBuilder<AuditAlert> builder)
    {
        builder.ToTable("audit_alerts");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.AcknowledgedAt);
        builder.Property(a => a.Rule).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Message).HasMaxLength(1000).IsRequired();
        builder.Property(a => a.ActorId).HasMaxLength(AuditEntry.IdLength);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(AuditEntry.NameLength);
    }
}
