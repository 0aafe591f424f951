using System.Security.Cryptography;
using Custos.Platform.Crypto;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Custos.Tests.Platform.Crypto;

/// <summary>
/// One Custos process ("node") over a test database, composed as hosts compose it, with the key-encryption key
/// settings a test chooses. Several nodes over one database behave as several web nodes or a web node and the CLI.
/// </summary>
internal sealed class CryptoNode : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public CryptoNode(TestDatabase database, IDictionary<string, string?> crypto)
    {
        var settings = new Dictionary<string, string?>(crypto, StringComparer.Ordinal)
        {
            [DatabaseSettings.ProviderKey] = database.Provider.ToString(),
            [DatabaseSettings.ConnectionStringKey] = database.ConnectionString,
        };
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(database.Time);
        collection.AddSingleton<ICurrentActor>(database.Actor);
        collection.AddCustosCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static Dictionary<string, string?> WithKey(string key, TimeSpan? refresh = null) => new(StringComparer.Ordinal)
    {
        [CryptoSettings.KeyEncryptionKeyKey] = key,
        [CryptoSettings.KeyRingRefreshIntervalKey] = (refresh ?? TimeSpan.FromMinutes(2)).ToString("c"),
    };

    public static Dictionary<string, string?> WithKeyFile(string path) => new(StringComparer.Ordinal)
    {
        [CryptoSettings.KeyEncryptionKeyFileKey] = path,
    };

    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, TResult> action)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    public async ValueTask DisposeAsync() => await services.DisposeAsync();
}

/// <summary>Reads and writes stored bytes directly, below EF: what a copy of the database file or a dump holds.</summary>
internal static class RawStore
{
    public static async Task<List<byte[]>> ReadColumnAsync(TestDatabase database, string table, string column)
    {
        await using var connection = Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"{column}\" FROM \"{table}\" ORDER BY \"{column}\"";
        var values = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add((byte[])reader.GetValue(0));
        }

        return values;
    }

    public static async Task OverwriteAllAsync(TestDatabase database, string table, string column, byte[] value)
    {
        await using var connection = Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE \"{table}\" SET \"{column}\" = @value";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@value";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static System.Data.Common.DbConnection Open(TestDatabase database)
    {
        System.Data.Common.DbConnection connection = database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }
}
