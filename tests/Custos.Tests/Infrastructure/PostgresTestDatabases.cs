using System.Text.RegularExpressions;
using Custos.Platform.Persistence;
using Npgsql;

namespace Custos.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL database per test. The schema is migrated once per run into a template database, and each test
/// database is a copy of it (CREATE DATABASE ... TEMPLATE), which takes a fraction of a second. Each test drops its
/// database; the run drops the template at the end (<see cref="TestRunCleanup"/>).
/// </summary>
internal static partial class PostgresTestDatabases
{
    private const string Prefix = "custos_t_";
    private static readonly string TemplateName = $"{Prefix}{TestRun.Id}_template";
    private static readonly Lazy<Task> Template = new(() => Task.Run(CreateTemplateAsync));

    public static async Task<string> CreateAsync(bool migrated, CancellationToken cancellationToken)
    {
        var name = $"{Prefix}{TestRun.Id}_{TestRun.RandomHex(6)}";
        if (migrated)
        {
            await Template.Value.WaitAsync(cancellationToken);
        }

        // Copies of one template may be made concurrently (they share a lock on it); what PostgreSQL refuses is a copy
        // while a session is connected to the template, which no pooled connection here ever is. The retry covers a
        // session still closing on the server side.
        var sql = migrated ? $"CREATE DATABASE {Quote(name)} TEMPLATE {Quote(TemplateName)}" : $"CREATE DATABASE {Quote(name)}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(sql, cancellationToken);
                break;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 12)
            {
                // Up to about 8 s in all: on a loaded 2-core CI machine a closing session can take that long.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(200 * attempt, 1000)), cancellationToken);
            }
        }

        return ConnectionStringFor(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await DropDatabaseAsync(new NpgsqlConnectionStringBuilder(connectionString).Database!);
    }

    /// <summary>Drops this run's template, if it was made.</summary>
    public static async Task DropTemplateAsync()
    {
        if (Template.IsValueCreated)
        {
            await DropDatabaseAsync(TemplateName);
        }
    }

    /// <summary>The configured server and credentials with another database name.</summary>
    public static string ConnectionStringFor(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.RequirePostgres()) { Database = database, Pooling = pooling }.ToString();

    private static async Task CreateTemplateAsync()
    {
        await DropLeftoversAsync();
        await ExecuteAsync($"CREATE DATABASE {Quote(TemplateName)}", CancellationToken.None);

        // Without pooling, no idle connection stays open on the template to stop it being copied.
        await TestDatabase.MigrateAsync(DatabaseProvider.Postgres, ConnectionStringFor(TemplateName, pooling: false), CancellationToken.None);
    }

    private static async Task DropLeftoversAsync()
    {
        var leftovers = new List<string>();
        await using (var connection = new NpgsqlConnection(TestEnvironment.RequirePostgres()))
        {
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix)", connection);
            query.Parameters.AddWithValue("prefix", Prefix);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                if (TestRun.IsLeftover(name[Prefix.Length..]))
                {
                    leftovers.Add(name);
                }
            }
        }

        foreach (var name in leftovers)
        {
            await DropDatabaseAsync(name);
        }
    }

    /// <summary>
    /// Drops a test database. An autovacuum worker that has just started on the new database belongs to no role the
    /// test role may signal, so WITH (FORCE) can be refused (42501) for a moment, as can a plain drop while a session
    /// is closing (55006): wait and try again. A database that still cannot be dropped is left for the leftover sweep
    /// of a later run rather than failing a test that passed.
    /// </summary>
    private static async Task DropDatabaseAsync(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", CancellationToken.None);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 10)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    /// <summary>Runs a statement on the configured (administrative) database.</summary>
    private static async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.RequirePostgres());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Database names cannot be parameters; every name here is built from the prefix and hex digits, checked anyway.
    private static string Quote(string name) =>
        SafeName().IsMatch(name) ? $"\"{name}\"" : throw new ArgumentException($"Unexpected database name '{name}'.", nameof(name));

    [GeneratedRegex("^[a-z0-9_]{1,63}$")]
    private static partial Regex SafeName();
}
