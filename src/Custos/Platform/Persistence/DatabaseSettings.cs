using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Custos.Platform.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// SQLite's <c>synchronous</c> setting (ADR 0016). <see cref="Full"/>, the default: every commit is synced to disk
/// before it returns, so nothing acknowledged is lost even to a power loss. <see cref="Normal"/> (opt-in,
/// <c>Database:SqliteSynchronous=Normal</c>): in WAL mode commits are not synced one by one; an application crash
/// loses nothing, but a power loss or operating-system crash can roll back the last transactions (whole
/// transactions, never a corrupted file).
/// </summary>
public enum SqliteSynchronous
{
    Full,
    Normal,
}

/// <summary>Where Custos keeps its data, read once from configuration and validated at start.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Custos";
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";
    public const string SqliteSynchronousKey = "Database:SqliteSynchronous";
    public const string DefaultSqliteConnectionString = "Data Source=./data/custos.db";

    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var providerText = configuration[ProviderKey];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerText.Trim(), ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new CustosConfigurationException(
                ProviderKey,
                $"unknown database provider '{providerText}'. Use 'Sqlite' (the default, no setup) or 'Postgres'.");
        }

        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new CustosConfigurationException(
                    ConnectionStringKey,
                    "PostgreSQL needs a connection string, for example " +
                    "'Host=localhost;Database=custos;Username=custos;Password=...'. Set it with the environment variable ConnectionStrings__Custos.");
            }

            connectionString = DefaultSqliteConnectionString;
        }

        ValidateConnectionString(provider, connectionString);

        var migrateText = configuration[MigrateOnStartupKey];
        var migrateOnStartup = true;
        if (!string.IsNullOrWhiteSpace(migrateText) && !bool.TryParse(migrateText, out migrateOnStartup))
        {
            throw new CustosConfigurationException(MigrateOnStartupKey, $"'{migrateText}' is not 'true' or 'false'.");
        }

        var synchronousText = configuration[SqliteSynchronousKey];
        var synchronous = SqliteSynchronous.Full;
        if (!string.IsNullOrWhiteSpace(synchronousText)
            && (!Enum.TryParse(synchronousText.Trim(), ignoreCase: true, out synchronous) || !Enum.IsDefined(synchronous)))
        {
            throw new CustosConfigurationException(
                SqliteSynchronousKey,
                $"'{synchronousText}' is not 'Full' (the default: every commit synced to disk) or 'Normal' (a power loss may lose the last transactions; see ADR 0016).");
        }

        return new DatabaseSettings(provider, connectionString, migrateOnStartup) { SqliteSynchronous = synchronous };
    }

    /// <summary>SQLite's <c>synchronous</c> setting for every connection; <see cref="SqliteSynchronous.Full"/> unless configured.</summary>
    public SqliteSynchronous SqliteSynchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>The SQLite file's full path, or null for PostgreSQL and in-memory SQLite.</summary>
    public string? SqliteFilePath
    {
        get
        {
            if (Provider != DatabaseProvider.Sqlite)
            {
                return null;
            }

            var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? null : Path.GetFullPath(dataSource);
        }
    }

    /// <summary>The connection string with any password removed, for messages and logs.</summary>
    public string DescribeTarget() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite file {SqliteFilePath ?? "(in memory)"}",
        DatabaseProvider.Postgres => DescribePostgres(ConnectionString),
    };

    private static string DescribePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port} as '{builder.Username}'";
    }

    private static void ValidateConnectionString(DatabaseProvider provider, string connectionString)
    {
        try
        {
            _ = provider switch
            {
                DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(connectionString).ConnectionString,
                DatabaseProvider.Postgres => new NpgsqlConnectionStringBuilder(connectionString).ConnectionString,
            };
        }
        catch (ArgumentException ex)
        {
            throw new CustosConfigurationException(
                ConnectionStringKey,
                $"the connection string is not valid for {provider}: {ex.Message}", ex);
        }
    }
}
