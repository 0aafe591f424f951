using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Platform.Security;

/// <summary>
/// Interim home of security events until the audit ledger implements <see cref="ISecurityEventSink"/>: a plain
/// table, written before the call returns, so nothing is dropped (45 CFR 164.312(b)).
/// </summary>
internal sealed class StoredSecurityEventSink(AppDbContext db, ICurrentActor currentActor, IRequestContext request, TimeProvider time)
    : ISecurityEventSink
{
    public async Task RecordAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        var actor = securityEvent.Actor ?? currentActor.Actor;
        db.Set<StoredSecurityEvent>().Add(new StoredSecurityEvent
        {
            Id = Guid.NewGuid(),
            OccurredAt = time.GetUtcNow(),
            Action = securityEvent.Action,
            Outcome = securityEvent.Outcome,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ResourceType = securityEvent.ResourceType,
            ResourceId = securityEvent.ResourceId,
            Reason = securityEvent.Reason,
            ClientAddress = request.ClientAddress,
            UserAgent = request.UserAgent,
            CorrelationId = request.CorrelationId,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

internal sealed class StoredSecurityEvent
{
    public Guid Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string Action { get; set; } = string.Empty;

    public AuditOutcome Outcome { get; set; }

    public ActorKind ActorKind { get; set; }

    public string ActorId { get; set; } = string.Empty;

    public string? ResourceType { get; set; }

    public string? ResourceId { get; set; }

    public string? Reason { get; set; }

    public string? ClientAddress { get; set; }

    public string? UserAgent { get; set; }

    public string CorrelationId { get; set; } = string.Empty;
}

internal sealed class StoredSecurityEventConfiguration : IEntityTypeConfiguration<StoredSecurityEvent>
{
    public void Configure(EntityTypeBuilder<StoredSecurityEvent> builder)
    {
        builder.ToTable("security_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Action).HasMaxLength(80).IsRequired();
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ActorId).HasMaxLength(100).IsRequired();
        builder.Property(e => e.ResourceType).HasMaxLength(60);
        builder.Property(e => e.ResourceId).HasMaxLength(100);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(256);
        builder.Property(e => e.CorrelationId).HasMaxLength(100);
        builder.HasIndex(e => e.OccurredAt);
    }
}
