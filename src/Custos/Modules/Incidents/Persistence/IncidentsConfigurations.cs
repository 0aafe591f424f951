using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Modules.Incidents.Persistence;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Reference).HasMaxLength(20).IsRequired();
        builder.HasIndex(i => i.Reference).IsUnique();
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Summary).HasMaxLength(200).IsRequired();
        builder.Property(i => i.ReportedById).HasMaxLength(100);
        builder.Property(i => i.ReportedByName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.ReceiptHash).HasMaxLength(64);
        builder.HasIndex(i => i.ReceiptHash).IsUnique();
        builder.Property(i => i.OwnerName).HasMaxLength(200);
        builder.Property(i => i.Agency).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.DelayStatement).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.DelayOfficial).HasMaxLength(300);
        builder.Property(i => i.BreachType).HasMaxLength(100);
        builder.Property(i => i.BreachLocation).HasMaxLength(100);
        builder.Property(i => i.SafeguardsInPlace).HasMaxLength(2000);
        builder.Property(i => i.ActionsTaken).HasMaxLength(2000);
        builder.Property(i => i.ProtectiveSteps).HasMaxLength(2000);
        builder.Property(i => i.RootCause).HasMaxLength(4000);
        builder.Property(i => i.LessonsLearned).HasMaxLength(4000);
        builder.Property(i => i.ReviewedBy).HasMaxLength(200);
        builder.HasIndex(i => i.ReportedAt);
        builder.HasIndex(i => i.DiscoveredOn);
    }
}

internal sealed class IncidentDetailsConfiguration : IEntityTypeConfiguration<IncidentDetails>
{
    public void Configure(EntityTypeBuilder<IncidentDetails> builder)
    {
        builder.ToTable("incidents_details");
        builder.HasKey(d => d.IncidentId);
        builder.HasOne<Incident>().WithOne().HasForeignKey<IncidentDetails>(d => d.IncidentId).OnDelete(DeleteBehavior.Cascade);

        // PHI: encrypted at rest, every read recorded in the audit ledger (45 CFR 164.312(a)(2)(iv), 164.312(b)).
        builder.Property(d => d.Description).IsSensitive().IsRequired();
        builder.Property(d => d.PhiSpecifics).IsSensitive();
        builder.Property(d => d.AffectedPeople).IsSensitive();
    }
}

internal sealed class IncidentReporterMessageConfiguration : IEntityTypeConfiguration<IncidentReporterMessage>
{
    public void Configure(EntityTypeBuilder<IncidentReporterMessage> builder)
    {
        builder.ToTable("incidents_reporter_messages");
        builder.HasKey(m => m.Id);
        builder.HasOne<Incident>().WithMany().HasForeignKey(m => m.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Text).IsSensitive().IsRequired();
    }
}

internal sealed class IncidentTimelineEntryConfiguration : IEntityTypeConfiguration<IncidentTimelineEntry>
{
    public void Configure(EntityTypeBuilder<IncidentTimelineEntry> builder)
    {
        builder.ToTable("incidents_timeline");
        builder.HasKey(e => e.Id);
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Text).HasMaxLength(4000).IsRequired();
        builder.Property(e => e.ActorName).HasMaxLength(200).IsRequired();
        builder.HasIndex(e => new { e.IncidentId, e.At });
    }
}

internal sealed class IncidentTaskConfiguration : IEntityTypeConfiguration<IncidentTask>
{
    public void Configure(EntityTypeBuilder<IncidentTask> builder)
    {
        builder.ToTable("incidents_tasks");
        builder.HasKey(t => t.Id);
        builder.HasOne<Incident>().WithMany().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(t => t.Title).HasMaxLength(300).IsRequired();
        builder.Property(t => t.OwnerName).HasMaxLength(200);
    }
}

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> builder)
    {
        builder.ToTable("incidents_evidence");
        builder.HasKey(e => e.Id);
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Description).HasMaxLength(1000).IsRequired();
        builder.Property(e => e.CollectedBy).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(e => e.FileName).HasMaxLength(260);
        builder.Property(e => e.Custodian).HasMaxLength(200).IsRequired();
        builder.Property(e => e.RecordedBy).HasMaxLength(200).IsRequired();
    }
}

internal sealed class EvidenceCustodyTransferConfiguration : IEntityTypeConfiguration<EvidenceCustodyTransfer>
{
    public void Configure(EntityTypeBuilder<EvidenceCustodyTransfer> builder)
    {
        builder.ToTable("incidents_evidence_custody");
        builder.HasKey(t => t.Id);
        builder.HasOne<EvidenceItem>().WithMany().HasForeignKey(t => t.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.From).HasMaxLength(200).IsRequired();
        builder.Property(t => t.To).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Reason).HasMaxLength(1000).IsRequired();
        builder.Property(t => t.RecordedBy).HasMaxLength(200).IsRequired();
    }
}

internal sealed class AffectedCountRevisionConfiguration : IEntityTypeConfiguration<AffectedCountRevision>
{
    public void Configure(EntityTypeBuilder<AffectedCountRevision> builder)
    {
        builder.ToTable("incidents_affected_counts");
        builder.HasKey(r => r.Id);
        builder.HasOne<Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.IncidentId, r.Number }).IsUnique();
        builder.Property(r => r.CountsText).HasMaxLength(2000).IsRequired();
        builder.Ignore(r => r.Counts);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.RecordedBy).HasMaxLength(200).IsRequired();
    }
}

internal sealed class BreachAssessmentConfiguration : IEntityTypeConfiguration<BreachAssessment>
{
    public void Configure(EntityTypeBuilder<BreachAssessment> builder)
    {
        builder.ToTable("incidents_assessments");
        builder.HasKey(a => a.Id);
        builder.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.IncidentId, a.Version }).IsUnique();
        builder.Property(a => a.ExceptionRationale).HasMaxLength(4000);
        builder.Property(a => a.Security).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.SecurityRationale).HasMaxLength(4000);
        builder.Property(a => a.NatureRating).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.RecipientRating).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.AcquiredRating).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.MitigationRating).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.NatureRationale).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.RecipientRationale).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.AcquiredRationale).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.MitigationRationale).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.AuthorId).HasMaxLength(100).IsRequired();
        builder.Property(a => a.AuthorName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.SignedById).HasMaxLength(100);
        builder.Property(a => a.SignedByName).HasMaxLength(200);
        builder.Ignore(a => a.IsSigned);
    }
}

internal sealed class ObligationRecordConfiguration : IEntityTypeConfiguration<ObligationRecord>
{
    public void Configure(EntityTypeBuilder<ObligationRecord> builder)
    {
        builder.ToTable("incidents_obligations");
        builder.HasKey(o => o.Id);
        builder.HasOne<Incident>().WithMany().HasForeignKey(o => o.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.IncidentId, o.Key }).IsUnique();
        builder.Property(o => o.Key).HasMaxLength(120).IsRequired();
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Method).HasMaxLength(100);
        builder.Property(o => o.Reference).HasMaxLength(200);
        builder.Property(o => o.Note).HasMaxLength(2000);
        builder.Property(o => o.UpdatedBy).HasMaxLength(200).IsRequired();
    }
}
