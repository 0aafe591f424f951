using System.Data.Common;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custos.Platform.Crypto;

/// <summary>A column holding encrypted values, as stored: what rotation rewrites and status counts.</summary>
internal sealed record SensitiveColumn(string Table, string Column, IReadOnlyList<string> KeyColumns, string Binding);

/// <summary>
/// Reads and rewrites encrypted columns below EF, by key id: rotation must touch only the envelope, never the entity
/// (no domain events, no concurrency stamps, no audit of a business change). The SQL is the same on SQLite and
/// PostgreSQL (substr over a blob or bytea, 1-based); identifiers are quoted by the provider.
/// </summary>
internal sealed class SensitiveColumns(AppDbContext db)
{
    public IReadOnlyList<SensitiveColumn> All { get; } = Discover(db.Model);

    public static IReadOnlyList<SensitiveColumn> Discover(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var columns = new List<SensitiveColumn>();
        foreach (var entityType in model.GetEntityTypes().Where(e => e.GetTableName() is not null).OrderBy(e => e.GetTableName(), StringComparer.Ordinal))
        {
            var store = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var keyColumns = entityType.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)!).ToList();
            foreach (var property in entityType.GetProperties().Where(p => p.IsSensitive()))
            {
                columns.Add(new SensitiveColumn(store.Name, property.GetColumnName(store)!, keyColumns, SensitiveDataEncryption.BindingOf(property)));
            }
        }

        return columns;
    }

    /// <summary>How many stored values each key id protects; values too short to name a key count under <see cref="Guid.Empty"/>.</summary>
    public async Task<Dictionary<Guid, long>> CountByKeyAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<Guid, long>();
        await OpenAsync(cancellationToken);
        try
        {
            foreach (var column in All)
            {
                await using var command = Connection.CreateCommand();
                var keyId = $"substr({Quote(column.Column)}, 2, {SensitiveValueEnvelope.KeyIdSize})";
                command.CommandText = $"SELECT {keyId}, COUNT(*) FROM {Quote(column.Table)} WHERE {Quote(column.Column)} IS NOT NULL GROUP BY {keyId}";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var bytes = reader.IsDBNull(0) ? [] : (byte[])reader.GetValue(0);
                    var id = bytes.Length == SensitiveValueEnvelope.KeyIdSize ? new Guid(bytes, bigEndian: true) : Guid.Empty;
                    counts[id] = counts.GetValueOrDefault(id) + Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return counts;
    }

    /// <summary>
    /// Re-encrypts, batch by batch, every value of <paramref name="column"/> that uses one of <paramref name="keyIds"/>
    /// with the active key; each batch is one transaction. A row changed meanwhile is left alone (it was written with
    /// the active key). Returns how many values were rewritten.
    /// </summary>
    public async Task<int> ReencryptAsync(
        SensitiveColumn column, IReadOnlyCollection<Guid> keyIds, SensitiveFieldCipher cipher, int batchSize, Action<int> batchDone, CancellationToken cancellationToken)
    {
        if (keyIds.Count == 0)
        {
            return 0;
        }

        var total = 0;
        await OpenAsync(cancellationToken);
        try
        {
            while (true)
            {
                var rows = await ReadBatchAsync(column, keyIds, batchSize, cancellationToken);
                if (rows.Count == 0)
                {
                    return total;
                }

                await using var transaction = await Connection.BeginTransactionAsync(cancellationToken);
                var rewritten = 0;
                foreach (var (keys, stored) in rows)
                {
                    var plaintext = cipher.Decrypt(column.Binding, stored);
                    var replacement = cipher.Encrypt(column.Binding, plaintext);
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
                    rewritten += await UpdateAsync(column, keys, stored, replacement, transaction, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                total += rewritten;
                batchDone(rewritten);
                if (rewritten == 0)
                {
                    // Every row of the batch changed under us and still names a retiring key: another node is
                    // writing with a stale ring. Stop; the next run (after the refresh interval) finishes.
                    return total;
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private DbConnection Connection => db.Database.GetDbConnection();

    private async Task OpenAsync(CancellationToken cancellationToken) => await db.Database.OpenConnectionAsync(cancellationToken);

    private string Quote(string identifier) => db.GetService<ISqlGenerationHelper>().DelimitIdentifier(identifier);

    private async Task<List<(object[] Keys, byte[] Stored)>> ReadBatchAsync(
        SensitiveColumn column, IReadOnlyCollection<Guid> keyIds, int batchSize, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        var names = keyIds.Select((id, i) => AddParameter(command, $"@k{i}", SensitiveValueEnvelope.KeyIdBytes(id))).ToList();
        var keyList = string.Join(", ", column.KeyColumns.Select(Quote));
        command.CommandText =
            $"SELECT {keyList}, {Quote(column.Column)} FROM {Quote(column.Table)} " +
            $"WHERE {Quote(column.Column)} IS NOT NULL AND substr({Quote(column.Column)}, 2, {SensitiveValueEnvelope.KeyIdSize}) IN ({string.Join(", ", names)}) " +
            $"LIMIT {batchSize}";
        var rows = new List<(object[], byte[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var keys = new object[column.KeyColumns.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = reader.GetValue(i);
            }

            rows.Add((keys, (byte[])reader.GetValue(keys.Length)));
        }

        return rows;
    }

    private async Task<int> UpdateAsync(
        SensitiveColumn column, object[] keys, byte[] stored, byte[] replacement, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        var conditions = column.KeyColumns.Select((name, i) => $"{Quote(name)} = {AddParameter(command, $"@pk{i}", keys[i])}");
        command.CommandText =
            $"UPDATE {Quote(column.Table)} SET {Quote(column.Column)} = {AddParameter(command, "@replacement", replacement)} " +
            $"WHERE {string.Join(" AND ", conditions)} AND {Quote(column.Column)} = {AddParameter(command, "@stored", stored)}";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return name;
    }
}
