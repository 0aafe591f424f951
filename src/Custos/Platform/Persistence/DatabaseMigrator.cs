using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Custos.Platform.Persistence;

/// <summary>
/// Brings the database to the current schema and turns the failures an operator can cause (wrong password,
/// unreachable server, unwritable folder) into one message that names the setting to fix.
/// </summary>
public sealed class DatabaseMigrator(AppDbContext db, DatabaseSettings settings)
{
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await EnsureReachableAsync(cancellationToken);
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }

    public async Task<IReadOnlyList<string>> GetAppliedMigrationsAsync(CancellationToken cancellationToken)
    {
        await EnsureReachableAsync(cancellationToken);
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
    }

    /// <summary>Applies pending migrations, reporting each one by name; returns the names applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var pending = await GetPendingMigrationsAsync(cancellationToken);
        var migrator = db.GetService<IMigrator>();
        foreach (var migration in pending)
        {
            progress?.Report(migration);
            await migrator.MigrateAsync(migration, cancellationToken);
        }

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers and the writer work at once; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }

    public async Task EnsureReachableAsync(CancellationToken cancellationToken)
    {
        if (settings.SqliteFilePath is { } file)
        {
            EnsureSqliteFolderWritable(file);
        }

        try
        {
            // Opened directly, not through the retrying execution strategy: a wrong host should fail at once.
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await connection.CloseAsync();
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new CustosConfigurationException(
                DatabaseSettings.ConnectionStringKey,
                $"PostgreSQL refused the credentials for {settings.DescribeTarget()}. Check the user name and password.", ex);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new CustosConfigurationException(
                DatabaseSettings.ConnectionStringKey,
                $"the {settings.DescribeTarget()} does not exist. Create it (CREATE DATABASE) and give the user ownership.", ex);
        }
        catch (RetryLimitExceededException ex)
        {
            // PostgreSQL connections retry transient failures; when retries run out the cause is the innermost exception.
            throw new CustosConfigurationException(
                DatabaseSettings.ConnectionStringKey,
                $"cannot open the {settings.DescribeTarget()}: {FirstLine(ex.GetBaseException().Message)}", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or DbException or TimeoutException or InvalidOperationException && ex is not OperationCanceledException)
        {
            throw new CustosConfigurationException(
                DatabaseSettings.ConnectionStringKey,
                $"cannot open the {settings.DescribeTarget()}: {FirstLine(ex.Message)}", ex);
        }
    }

    private static void EnsureSqliteFolderWritable(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".custos-write-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CustosConfigurationException(
                DatabaseSettings.ConnectionStringKey,
                $"the SQLite data folder '{folder}' is not writable by this process. Choose a writable path with " +
                "ConnectionStrings__Custos=\"Data Source=/path/to/custos.db\" or fix the folder's permissions.", ex);
        }

    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
