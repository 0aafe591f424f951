using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Platform.Audit;

/// <summary>The action names the platform writes for record changes and reads.</summary>
public static class AuditActions
{
    public const string RecordCreated = "record.create";
    public const string RecordUpdated = "record.update";
    public const string RecordDeleted = "record.delete";
    public const string RecordRead = "record.read";
    public const string LedgerExported = "audit.export";
    public const string LedgerVerified = "audit.verify";
    public const string LedgerArchived = "audit.archive";
}

/// <summary>Builds entries with the current actor, request and node filled in.</summary>
public sealed class AuditEntryFactory(ICurrentActor currentActor, IRequestContext request, TimeProvider time, AuditOptions options)
{
    public AuditEntryContent Create(
        string action,
        AuditOutcome outcome,
        string? resourceType = null,
        string? resourceId = null,
        string? reason = null,
        Actor? actor = null)
    {
        var who = actor ?? currentActor.Actor;
        return new AuditEntryContent(
            action,
            who.Kind,
            who.Id,
            who.DisplayName,
            resourceType,
            resourceId,
            AuditEntryContent.ToLedgerTime(time.GetUtcNow()),
            request.ClientAddress,
            request.UserAgent,
            options.NodeName,
            outcome,
            reason,
            request.CorrelationId);
    }
}

/// <summary>
/// Appends entries in a transaction of their own (security events, reads, exports): committed before the call
/// returns, whatever the caller's own work does afterwards. Concurrent calls in one process share a transaction
/// (<see cref="AuditGroupCommit"/>).
/// </summary>
public sealed class AuditAppender(AuditGroupCommit groupCommit)
{
    public Task AppendAsync(IReadOnlyCollection<AuditEntryContent> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Count == 0 ? Task.CompletedTask : groupCommit.AppendAsync(entries as IReadOnlyList<AuditEntryContent> ?? [.. entries], cancellationToken);
    }

    public Task AppendAsync(AuditEntryContent entry, CancellationToken cancellationToken) => groupCommit.AppendAsync([entry], cancellationToken);

    /// <summary>
    /// The path before group commit, kept as the benchmarks' baseline: the entries in the scope's own context and
    /// SaveChanges, one transaction per call.
    /// </summary>
    public static async Task AppendWithoutGroupCommitAsync(IServiceProvider scope, IEnumerable<AuditEntryContent> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var db = scope.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AddRange(entries.Select(AuditEntry.Create));
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Security events become ledger entries (45 CFR 164.308(a)(1)(ii)(D), 164.312(b)), durable before returning.</summary>
public sealed class LedgerSecurityEventSink(AuditEntryFactory factory, AuditAppender appender) : ISecurityEventSink
{
    public Task RecordAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        if (string.IsNullOrWhiteSpace(securityEvent.Action))
        {
            throw new ArgumentException("A security event needs an action.", nameof(securityEvent));
        }

        var entry = factory.Create(
            securityEvent.Action,
            securityEvent.Outcome,
            securityEvent.ResourceType,
            securityEvent.ResourceId,
            securityEvent.Reason,
            securityEvent.Actor);
        return appender.AppendAsync(entry, cancellationToken);
    }
}
