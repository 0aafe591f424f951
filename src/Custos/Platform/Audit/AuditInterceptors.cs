using System.Collections.Concurrent;
using System.Globalization;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Custos.Platform.Audit;

/// <summary>
/// Every create, update and delete of every entity gets one ledger entry, added to the same SaveChanges and so
/// written in the same transaction as the change: no change without its entry, no entry without its change
/// (45 CFR 164.312(b)). The entry names the entity type and its key, never a value.
/// </summary>
public sealed class AuditChangeInterceptor(AuditEntryFactory factory) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    internal static bool IsLedgerType(Type type) =>
        type == typeof(AuditEntry) || type == typeof(AuditTreeNode) || type == typeof(AuditCheckpoint) || type == typeof(AuditLedgerInfo) || type == typeof(AuditVerificationRun);

    internal static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return null;
        }

        return string.Join(',', key.Properties.Select(p =>
        {
            var property = entry.Property(p.Name);
            return property.IsTemporary ? "(assigned by the database)" : Convert.ToString(property.CurrentValue, CultureInfo.InvariantCulture);
        }));
    }

    private void AddEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var changes = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !IsLedgerType(e.Metadata.ClrType))
            .ToList();
        foreach (var change in changes)
        {
            var action = change.State switch
            {
                EntityState.Added => AuditActions.RecordCreated,
                EntityState.Modified => AuditActions.RecordUpdated,
                _ => AuditActions.RecordDeleted,
            };
            context.Add(AuditEntry.Create(factory.Create(action, AuditOutcome.Succeeded, ResourceTypeOf(change.Metadata), KeyOf(change))));
        }
    }

    /// <summary>The entity's CLR name; EF's short name for shared and generic types (<c>IdentityUserRole&lt;Guid&gt;</c>, not <c>IdentityUserRole`1</c>).</summary>
    internal static string ResourceTypeOf(IReadOnlyEntityType entityType) =>
        entityType.HasSharedClrType || entityType.ClrType.IsGenericType ? entityType.ShortName() : entityType.ClrType.Name;
}

/// <summary>
/// Records every read of an entity that has a <see cref="SensitiveData"/>-declared property: the declaration is all a
/// module does (45 CFR 164.312(b)). EF keeps materialization interceptors for the life of its internal services, so
/// this one is a singleton that hands each read to the <see cref="AuditReadRecorder"/> of the context's own scope.
/// </summary>
public sealed class AuditReadInterceptor : IMaterializationInterceptor
{
    /// <summary>The one instance: EF builds internal services per distinct singleton interceptor, so there must be only one.</summary>
    public static readonly AuditReadInterceptor Instance = new();

    private AuditReadInterceptor()
    {
    }

    private static readonly ConcurrentDictionary<IEntityType, bool> Sensitive = new();

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        var type = materializationData.EntityType;
        if (!Sensitive.GetOrAdd(type, t => t.HasSensitiveData() && !AuditChangeInterceptor.IsLedgerType(t.ClrType)))
        {
            return entity;
        }

        var scope = materializationData.Context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        var recorder = scope?.GetService(typeof(AuditReadRecorder)) as AuditReadRecorder
            ?? throw new InvalidOperationException($"{type.DisplayName()} holds sensitive data, and its context has no audit read recorder: reads of it could not be recorded.");
        var key = type.FindPrimaryKey();
        var id = key is null
            ? null
            : string.Join(',', key.Properties.Select(p => Convert.ToString(materializationData.GetPropertyValue(p), CultureInfo.InvariantCulture)));
        recorder.Record(AuditChangeInterceptor.ResourceTypeOf(type), id);
        return entity;
    }
}

/// <summary>
/// The reads of one scope (request, command): collected as entities are materialized and written in a transaction
/// of their own when the scope ends, so a read is recorded even when the request later fails.
/// </summary>
public sealed class AuditReadRecorder(AuditEntryFactory factory, AuditAppender appender) : IAsyncDisposable, IDisposable
{
    private readonly List<AuditEntryContent> pending = [];
    private readonly HashSet<(string, string?)> seen = [];
    private readonly Lock gate = new();

    public void Record(string resourceType, string? resourceId)
    {
        lock (gate)
        {
            if (seen.Add((resourceType, resourceId)))
            {
                pending.Add(factory.Create(AuditActions.RecordRead, AuditOutcome.Succeeded, resourceType, resourceId));
            }
        }
    }

    /// <summary>Writes the reads collected so far (also done when the scope ends).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<AuditEntryContent> batch;
        lock (gate)
        {
            batch = [.. pending];
            pending.Clear();
        }

        await appender.AppendAsync(batch, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await FlushAsync(CancellationToken.None);

    public void Dispose() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
}
