using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Custos.Platform.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where Custos keeps its data, read once from configuration and validated at start.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Custos";
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";
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

        return new DatabaseSettings(provider, connectionString, migrateOnStartup);
    }

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
