using System.Security.Cryptography;
using Npgsql;

namespace Custos.Web.Tests.Infrastructure;

/// <summary>
/// Points a <see cref="CustosWebFactory"/> at the provider a test names: its own SQLite file (the factory's default),
/// or a fresh PostgreSQL database on the server in CUSTOS_TEST_POSTGRES, migrated by the host at startup and dropped
/// afterwards. A PostgreSQL case is skipped, saying why, when the variable is not set.
/// </summary>
public sealed class WebTestDatabase : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    private const string Variable = "CUSTOS_TEST_POSTGRES";

    private readonly CustosWebFactory app;
    private readonly string? connectionString;
    private readonly string? filesFolder;

    private WebTestDatabase(CustosWebFactory app, string? connectionString, string? filesFolder)
    {
        this.app = app;
        this.connectionString = connectionString;
        this.filesFolder = filesFolder;
    }

    /// <summary>Creates the database for <paramref name="provider"/> and configures <paramref name="app"/> to use it.</summary>
    public static async Task<WebTestDatabase> UseAsync(CustosWebFactory app, string provider)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (provider == Sqlite)
        {
            return new WebTestDatabase(app, null, null);
        }

        var server = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(server), $"PostgreSQL is not configured: set {Variable} to a connection string whose role has CREATEDB.");
        var name = "custos_w_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        var files = Path.Combine(Path.GetTempPath(), "custos-web-tests", name + "-files");
        app.Settings["Database:Provider"] = Postgres;
        app.Settings["ConnectionStrings:Custos"] = connectionString;
        app.Settings[Custos.Platform.Crypto.CryptoSettings.KeyEncryptionKeyKey] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        app.Settings[Custos.Platform.Files.FilesSettings.PathKey] = files;
        return new WebTestDatabase(app, connectionString, files);
    }

    /// <summary>Stops the host first (its background writers must not outlive the database), then drops the database.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        if (connectionString is null)
        {
            return;
        }

        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(Variable)))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(filesFolder!, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was stored.
        }
    }
}
