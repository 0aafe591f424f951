using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Custos.Platform.Persistence;

/// <summary>
/// Per-connection SQLite settings, applied each time EF opens a connection (pragmas are not stored in the file):
/// <list type="bullet">
/// <item><c>synchronous=NORMAL</c>: in WAL mode (set by <see cref="DatabaseMigrator"/>) a commit is appended to the
/// WAL without an fsync; the WAL is synced at each checkpoint. A committed transaction survives a crash of the
/// application (the WAL is in the operating system's page cache), but the transactions since the last sync can be
/// rolled back by a power loss or operating-system crash — whole transactions, so a change and its ledger entry go
/// together, and the database is never corrupted. The audit sequencer commits its rounds with
/// <c>synchronous=FULL</c>, which syncs the WAL and so everything committed before it: what is integrated and
/// checkpointed (and therefore witnessed outside the database) is durable. See ADR 0016.</item>
/// <item><c>busy_timeout</c>: SQLite's own short back-off while another connection holds the write lock, instead of
/// failing or sleeping coarsely.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public static readonly SqliteConnectionPragmas Instance = new();

    private SqliteConnectionPragmas()
    {
    }

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
