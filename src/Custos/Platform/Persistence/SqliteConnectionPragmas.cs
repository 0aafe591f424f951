using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Custos.Platform.Persistence;

/// <summary>
/// Per-connection SQLite settings, applied each time EF opens a connection (pragmas are not stored in the file):
/// <list type="bullet">
/// <item><c>synchronous</c>, from <see cref="DatabaseSettings.SqliteSynchronous"/>. <c>FULL</c> (the default): in WAL
/// mode (set by <see cref="DatabaseMigrator"/>) each commit syncs the WAL before it returns, so an acknowledged
/// entry or change survives a power loss. <c>NORMAL</c> (opt-in): a commit is appended to the WAL without an fsync;
/// an application crash loses nothing, but the transactions since the last sync can be rolled back by a power loss or
/// operating-system crash, whole (a change and its ledger entry go together) and without corrupting the file. With
/// <c>NORMAL</c> the audit sequencer still commits the rounds that sign a checkpoint with <c>FULL</c>, so what is
/// witnessed outside the database is durable. See ADR 0016.</item>
/// <item><c>busy_timeout</c>: SQLite's own short back-off while another connection holds the write lock, instead of
/// failing or sleeping coarsely.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    public static readonly SqliteConnectionPragmas Full = new("PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");

    public static readonly SqliteConnectionPragmas Normal = new("PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");

    private SqliteConnectionPragmas(string pragmas)
    {
        Pragmas = pragmas;
    }

    public string Pragmas { get; }

    public static SqliteConnectionPragmas For(SqliteSynchronous synchronous) => synchronous == SqliteSynchronous.Normal ? Normal : Full;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
