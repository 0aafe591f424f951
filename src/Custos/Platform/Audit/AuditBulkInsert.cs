using System.Data.Common;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custos.Platform.Audit;

/// <summary>
/// Writes many ledger rows in one transaction at a low, constant cost per row. EF's SaveChanges of n entries on
/// SQLite costs O(n²) (Microsoft.Data.Sqlite binds every parameter of a batched command by name against every
/// statement in it), and on PostgreSQL one round trip per batch of 13-parameter rows. Here: on PostgreSQL one
/// INSERT ... SELECT FROM unnest(column arrays) statement; on SQLite one prepared single-row statement executed per
/// row. Column names and value conversions come from the EF model, so the rows are exactly what SaveChanges writes.
/// </summary>
internal static class AuditBulkInsert
{
    private static readonly string[] Columns =
    [
        nameof(AuditEntry.RecordedAt), nameof(AuditEntry.Action), nameof(AuditEntry.ActorKind), nameof(AuditEntry.ActorId),
        nameof(AuditEntry.ActorName), nameof(AuditEntry.ResourceType), nameof(AuditEntry.ResourceId), nameof(AuditEntry.ClientAddress),
        nameof(AuditEntry.UserAgent), nameof(AuditEntry.Node), nameof(AuditEntry.Outcome), nameof(AuditEntry.Reason), nameof(AuditEntry.CorrelationId),
    ];

    private static object?[] ValuesOf(AuditEntry e) =>
    [
        e.RecordedAt, e.Action, e.ActorKind, e.ActorId, e.ActorName, e.ResourceType, e.ResourceId, e.ClientAddress,
        e.UserAgent, e.Node, e.Outcome, e.Reason, e.CorrelationId,
    ];

    /// <summary>
    /// Inserts <paramref name="rows"/> in the context's current transaction. With <paramref name="withSequence"/> the
    /// rows carry the sequence numbers the sequencer has just given them in this transaction (integration at append,
    /// ADR 0016); otherwise they are written without one and wait for the sequencer.
    /// </summary>
    public static async Task InsertInTransactionAsync(AppDbContext db, IReadOnlyList<AuditEntry> rows, bool withSequence, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(AuditEntry))!;
        var table = entity.GetTableName()!;
        var names = withSequence ? [.. Columns, nameof(AuditEntry.Sequence)] : Columns;
        var properties = names.Select(c => entity.FindProperty(c)!).ToArray();
        var columns = string.Join(", ", properties.Select(p => p.GetColumnName()));
        var converters = properties.Select(p => p.GetTypeMapping().Converter).ToArray();
        object? Convert(int column, object? value) =>
            value is null ? null : converters[column] is { } converter ? converter.ConvertToProvider(value) : value;
        object?[] Values(AuditEntry e) => withSequence ? [.. ValuesOf(e), e.Sequence] : ValuesOf(e);

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Ledger rows are inserted inside the caller's transaction.");
        if (db.Database.IsNpgsql())
        {
            await InsertWithArraysAsync(connection, transaction, table, columns, properties, rows.Select(Values).ToArray(), Convert, cancellationToken);
        }
        else
        {
            await InsertRowByRowAsync(connection, transaction, table, columns, properties.Length, rows.Select(Values), Convert, cancellationToken);
        }
    }

    private static async Task InsertWithArraysAsync(DbConnection connection, DbTransaction transaction, string table, string columns, IProperty[] properties, object?[][] rowValues, Func<int, object?, object?> convert, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var arrays = new List<string>();
        for (var c = 0; c < properties.Length; c++)
        {
            var values = rowValues.Select(r => convert(c, r[c])).ToArray();
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"p{c}";
            parameter.Value = TypedArray(values);
            command.Parameters.Add(parameter);
            arrays.Add($"@p{c}::{properties[c].GetColumnType()}[]");
        }

        // Only column names from the model and parameter placeholders are concatenated; every value is a parameter.
        command.CommandText = $"INSERT INTO {table} ({columns}) SELECT * FROM unnest({string.Join(", ", arrays)})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>An array of the values' own type (string[], DateTimeOffset[]), which Npgsql sends as a typed array.</summary>
    private static Array TypedArray(object?[] values)
    {
        var type = values.FirstOrDefault(v => v is not null)?.GetType() ?? typeof(string);
        var array = Array.CreateInstance(type, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            array.SetValue(values[i], i);
        }

        return array;
    }

    private static async Task InsertRowByRowAsync(DbConnection connection, DbTransaction transaction, string table, string columns, int columnCount, IEnumerable<object?[]> rows, Func<int, object?, object?> convert, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", Enumerable.Range(0, columnCount).Select(c => $"@p{c}"))})";
        var parameters = new DbParameter[columnCount];
        for (var c = 0; c < columnCount; c++)
        {
            parameters[c] = command.CreateParameter();
            parameters[c].ParameterName = $"@p{c}";
            command.Parameters.Add(parameters[c]);
        }

        // The same command text each time: Microsoft.Data.Sqlite keeps the prepared statement and rebinds it.
        foreach (var values in rows)
        {
            for (var c = 0; c < values.Length; c++)
            {
                parameters[c].Value = convert(c, values[c]) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Runs one prepared single-row statement over many rows in the context's current transaction (SQLite: the
    /// statement is prepared once and rebound, with no per-statement parameter-name scan over a large batch).
    /// </summary>
    public static async Task ExecutePerRowAsync<T>(AppDbContext db, string sql, int parameterCount, IEnumerable<T> rows, Func<T, object[]> values, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        var parameters = new DbParameter[parameterCount];
        for (var c = 0; c < parameterCount; c++)
        {
            parameters[c] = command.CreateParameter();
            parameters[c].ParameterName = $"@p{c}";
            command.Parameters.Add(parameters[c]);
        }

        foreach (var row in rows)
        {
            var rowValues = values(row);
            for (var c = 0; c < parameterCount; c++)
            {
                parameters[c].Value = rowValues[c];
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
