using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Custos.Tests.Cli;

/// <summary>
/// An empty database of one provider, private to one test, and the settings that point the CLI at it (they win over
/// appsettings files and environment variables). A PostgreSQL test is skipped, with the reason, when
/// CUSTOS_TEST_POSTGRES is not set. Dispose it to delete the file or drop the database.
/// </summary>
internal sealed class CliDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "CUSTOS_TEST_POSTGRES";
    private const string PostgresPrefix = "custos_cli_";

    private readonly string? folder;
    private readonly string? postgresDatabase;

    private CliDatabase(string provider, string connectionString, string? folder, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.folder = folder;
        this.postgresDatabase = postgresDatabase;
    }

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file, or null for PostgreSQL.</summary>
    public string? SqliteFile => folder is null ? null : Path.Combine(folder, "custos.db");

    public Dictionary<string, string?> Configuration => new()
    {
        ["Database:Provider"] = Provider,
        ["ConnectionStrings:Custos"] = ConnectionString,

        // PostgreSQL has no default key-encryption key or files folder (SQLite keeps both beside its file): the same
        // test-only key TestDatabase derives, and a folder of this test run.
        [Custos.Platform.Crypto.CryptoSettings.KeyEncryptionKeyKey] = folder is null
            ? Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("custos-test-kek:" + ConnectionString)))
            : null,
        [Custos.Platform.Files.FilesSettings.PathKey] = folder is null
            ? Path.Combine(Path.GetTempPath(), "custos-tests", Infrastructure.TestRun.Id, "cli-pg-files")
            : null,
    };

    public static Task<CliDatabase> CreateAsync(string provider) => provider switch
    {
        "Sqlite" => Task.FromResult(CreateSqlite()),
        "Postgres" => CreatePostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Sqlite or Postgres."),
    };

    /// <summary>A zero-byte SQLite file in a fresh temporary folder.</summary>
    public static CliDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "custos-cli-tests", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "custos.db");
        File.WriteAllBytes(file, []);

        // No pooling: no connection outlives the command, so the folder can be deleted at once.
        return new CliDatabase("Sqlite", $"Data Source={file};Pooling=False", folder, postgresDatabase: null);
    }

    public async Task<CommandRun> RunAsync(params string[] args) => await CustosCommand.RunAsync(Configuration, args);

    public async ValueTask DisposeAsync()
    {
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        if (postgresDatabase is not null)
        {
            // The shared drop waits out an autovacuum worker or a closing session instead of failing the test.
            await Infrastructure.PostgresTestDatabases.DropAsync(ConnectionString);
        }
    }

    private static async Task<CliDatabase> CreatePostgresAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)))
        {
            Assert.Skip(
                $"PostgreSQL is not configured: set {PostgresVariable} to a connection string whose role has CREATEDB " +
                "(bash eng/start-postgres.sh starts a local server and prints one).");
        }

        var name = PostgresPrefix + TimeProvider.System.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" +
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = name, Pooling = false }.ToString();
        return new CliDatabase("Postgres", connectionString, folder: null, postgresDatabase: name);
    }

    private static string ServerConnectionString() => Environment.GetEnvironmentVariable(PostgresVariable)!;

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
