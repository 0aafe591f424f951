using Custos.Platform.Persistence;
using Microsoft.Data.Sqlite;

namespace Custos.Tests.Infrastructure;

/// <summary>
/// One SQLite file per test in a folder per run. The schema is migrated once into a template file, which each test
/// copies: the real migrations, at the cost of a file copy.
/// </summary>
internal static class SqliteTestDatabases
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "custos-tests");
    private static readonly string RunFolder = Path.Combine(Root, TestRun.Id);
    private static readonly Lazy<Task<string>> Template = new(() => Task.Run(CreateTemplateAsync));

    public static async Task<string> CreateAsync(bool migrated, CancellationToken cancellationToken)
    {
        var file = Path.Combine(RunFolder, TestRun.RandomHex(8) + ".db");
        if (migrated)
        {
            File.Copy(await Template.Value.WaitAsync(cancellationToken), file);
        }
        else
        {
            Directory.CreateDirectory(RunFolder);
        }

        return ConnectionStringFor(file);
    }

    public static void Drop(string connectionString)
    {
        ClearPool(connectionString);
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
        {
            File.Delete(path);
        }
    }

    public static void DeleteRunFolder()
    {
        if (Directory.Exists(RunFolder))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(RunFolder, recursive: true);
        }
    }

    public static string ConnectionStringFor(string file) => new SqliteConnectionStringBuilder { DataSource = file }.ToString();

    private static async Task<string> CreateTemplateAsync()
    {
        DeleteLeftovers();
        Directory.CreateDirectory(RunFolder);
        var file = Path.Combine(RunFolder, "template.db");
        var connectionString = ConnectionStringFor(file);
        await TestDatabase.MigrateAsync(DatabaseProvider.Sqlite, connectionString, CancellationToken.None);

        // Move everything from the write-ahead log into the file, so the file alone is a complete copy;
        // the WAL journal mode itself is recorded in the file's header and travels with it.
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        ClearPool(connectionString);
        return file;
    }

    private static void DeleteLeftovers()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(Root).Where(f => TestRun.IsLeftover(Path.GetFileName(f))))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Another run is removing it at the same moment; either way it goes.
            }
        }
    }

    private static void ClearPool(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
