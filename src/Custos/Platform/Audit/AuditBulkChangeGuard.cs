using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Custos.Platform.Audit;

/// <summary>
/// <c>ExecuteUpdate</c> and <c>ExecuteDelete</c> change rows without SaveChanges, so
/// <see cref="AuditChangeInterceptor"/> never sees them: a module using them would change records with no ledger
/// entry (45 CFR 164.312(b)). This command interceptor refuses them, before anything reaches the database, on every
/// table of an audited entity: every entity of a module (<c>Custos.Modules.*</c>) and every entity with a property
/// declared sensitive. The platform's own bookkeeping updates (session last-seen, sign-in counters, one-time
/// tokens) stay allowed; the security events around them are recorded (ADR 0007 lists them).
/// </summary>
public sealed partial class AuditBulkChangeGuard : DbCommandInterceptor
{
    public static readonly AuditBulkChangeGuard Instance = new();

    private static readonly ConcurrentDictionary<IModel, IReadOnlyDictionary<string, IEntityType>> AuditedTables = new();

    private AuditBulkChangeGuard()
    {
    }

    /// <summary>Whether bulk changes of this entity type are refused.</summary>
    public static bool IsAudited(IReadOnlyEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return !AuditChangeInterceptor.IsLedgerType(entityType.ClrType)
            && ((entityType.ClrType.Namespace?.StartsWith("Custos.Modules", StringComparison.Ordinal) ?? false) || entityType.HasSensitiveData());
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbCommand command, CommandEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.CommandSource is not (CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete) || eventData.Context is null)
        {
            return;
        }

        var target = TargetTable().Match(command.CommandText);
        var tables = AuditedTables.GetOrAdd(eventData.Context.Model, BuildAuditedTables);

        // A statement whose target cannot be read is refused too: the guard fails closed.
        if (!target.Success || tables.TryGetValue(target.Groups["table"].Value, out var entityType))
        {
            var what = target.Success ? tables[target.Groups["table"].Value].ClrType.Name : "an unrecognised table";
            throw new AuditedBulkChangeException(
                $"{(eventData.CommandSource == CommandSource.ExecuteUpdate ? "ExecuteUpdate" : "ExecuteDelete")} on {what} would change records " +
                "without audit ledger entries (45 CFR 164.312(b)). Load the entities and change or remove them through SaveChanges, " +
                "which records each change in the same transaction.");
        }
    }

    private static Dictionary<string, IEntityType> BuildAuditedTables(IModel model)
    {
        var tables = new Dictionary<string, IEntityType>(StringComparer.OrdinalIgnoreCase);
        foreach (var entityType in model.GetEntityTypes().Where(IsAudited))
        {
            if (entityType.GetTableName() is { } table)
            {
                tables.TryAdd(table, entityType);
            }
        }

        return tables;
    }

    /// <summary>The target of EF's UPDATE or DELETE, after any tag comments: <c>UPDATE "t" AS "x"</c>, <c>DELETE FROM t AS x</c>.</summary>
    [GeneratedRegex("""^\s*(?:--[^\n]*\n\s*)*(?:UPDATE|DELETE\s+FROM)\s+(?:"?\w+"?\.)?"?(?<table>\w+)"?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TargetTable();
}

/// <summary>A bulk change was refused because it would bypass the audit ledger.</summary>
public sealed class AuditedBulkChangeException(string message) : InvalidOperationException(message);
