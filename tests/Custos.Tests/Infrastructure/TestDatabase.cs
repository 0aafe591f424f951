using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Custos.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database of one provider, private to one test, with the core composed on top of it exactly
/// as hosts compose it (<see cref="CustosCore.AddCustosCore"/>), plus a fake clock and a test actor.
/// Run handlers through <see cref="RunAsync{THandler, TResult}"/>: each call gets its own DI scope and so its own
/// <see cref="AppDbContext"/>, as each web request or CLI command would. Dispose it to drop the database.
/// </summary>
/// <example>
/// <code>
/// await using var db = await TestDatabase.CreateAsync(provider);
/// var customer = await db.RunAsync&lt;AddCustomer, CustomerView&gt;((handler, ct) => handler.HandleAsync(details, ct));
/// </code>
/// </example>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Where the fake clock starts: a Monday afternoon, UTC.</summary>
    public static readonly DateTimeOffset StartTime = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider services;

    private TestDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        services = BuildServices(provider, connectionString, Time, Actor);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The clock every service sees; advance it to move time on.</summary>
    public FakeTimeProvider Time { get; } = new(StartTime);

    /// <summary>Who is acting; set <see cref="TestActor.Actor"/> to act as someone else.</summary>
    public TestActor Actor { get; } = new();

    /// <summary>Everything the services logged.</summary>
    public FakeLogCollector Logs => services.GetFakeLogCollector();

    public IServiceProvider Services => services;

    /// <summary>Today's date by the fake clock, in UTC.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    /// <summary>A new database holding the current schema.</summary>
    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken = default) =>
        CreateAsync(provider, migrated: true, cancellationToken);

    /// <summary>A new database with no tables at all, for tests of the migrations themselves.</summary>
    public static Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider, CancellationToken cancellationToken = default) =>
        CreateAsync(provider, migrated: false, cancellationToken);

    public AsyncServiceScope CreateScope() => services.CreateAsyncScope();

    /// <summary>Resolves <typeparamref name="THandler"/> in a new scope and runs <paramref name="action"/> with the test's token.</summary>
    public async Task<TResult> RunAsync<THandler, TResult>(Func<THandler, CancellationToken, Task<TResult>> action)
        where THandler : notnull
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<THandler>(), TestContext.Current.CancellationToken);
    }

    /// <inheritdoc cref="RunAsync{THandler, TResult}"/>
    public async Task RunAsync<THandler>(Func<THandler, CancellationToken, Task> action)
        where THandler : notnull
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<THandler>(), TestContext.Current.CancellationToken);
    }

    /// <summary>Reads the database directly, in a new scope: for asserting what was (or was not) stored.</summary>
    public Task<TResult> QueryAsync<TResult>(Func<AppDbContext, CancellationToken, Task<TResult>> query) =>
        RunAsync(query);

    /// <summary>How many rows of <typeparamref name="TEntity"/> are stored.</summary>
    public Task<int> CountAsync<TEntity>()
        where TEntity : class =>
        QueryAsync((db, ct) => db.Set<TEntity>().CountAsync(ct));

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                SqliteTestDatabases.Drop(ConnectionString);
                break;
            case DatabaseProvider.Postgres:
                await PostgresTestDatabases.DropAsync(ConnectionString);
                break;
            default:
                throw new InvalidOperationException($"No way to drop a {Provider} database.");
        }
    }

    private static string AuditFolder(string connectionString) => Path.Combine(
        Path.GetTempPath(), "custos-tests", TestRun.Id, "audit",
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(connectionString)))[..16]);

    /// <summary>The core as a host composes it, pointed at <paramref name="connectionString"/>.</summary>
    internal static ServiceProvider BuildServices(DatabaseProvider provider, string connectionString, TimeProvider time, TestActor actor)
    {
        var auditFolder = AuditFolder(connectionString);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [DatabaseSettings.ProviderKey] = provider.ToString(),
                [DatabaseSettings.ConnectionStringKey] = connectionString,

                // PostgreSQL has no default key-encryption key. A test-only key derived from the connection string:
                // every container on the same test database (two hosts, a CLI run) uses the same one.
                [Custos.Platform.Crypto.CryptoSettings.KeyEncryptionKeyKey] = provider == DatabaseProvider.Postgres
                    ? Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("custos-test-kek:" + connectionString)))
                    : null,

                // The ledger's signing key and witness sit in a folder of this database (the defaults are relative to the
                // working directory, which every test shares): containers on the same database agree on them.
                [$"{Custos.Platform.Audit.AuditOptions.Section}:{nameof(Custos.Platform.Audit.AuditOptions.SigningKeyPath)}"] = Path.Combine(auditFolder, "checkpoint-signing-key.pem"),
                [$"{Custos.Platform.Audit.AuditOptions.Section}:{nameof(Custos.Platform.Audit.AuditOptions.WitnessPath)}"] = Path.Combine(auditFolder, "witness.jsonl"),

                // PostgreSQL has no database file to put stored files beside: a folder of this test run.
                [Custos.Platform.Files.FilesSettings.PathKey] = provider == DatabaseProvider.Postgres
                    ? Path.Combine(Path.GetTempPath(), "custos-tests", TestRun.Id, "pg-files")
                    : null,
            })
            .Build();

        var services = new ServiceCollection();
        services.AddFakeLogging();

        // Before AddCustosCore, whose TryAdd registrations then leave these in place.
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ICurrentActor>(actor);
        services.AddCustosCore(configuration);
        TestPasswordHashing.Apply(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Applies every migration with the same migrator the hosts use.</summary>
    internal static async Task MigrateAsync(DatabaseProvider provider, string connectionString, CancellationToken cancellationToken)
    {
        await using var services = BuildServices(provider, connectionString, new FakeTimeProvider(StartTime), new TestActor());
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(progress: null, cancellationToken);
    }

    private static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrated, CancellationToken cancellationToken)
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => await SqliteTestDatabases.CreateAsync(migrated, cancellationToken),
            DatabaseProvider.Postgres => await PostgresTestDatabases.CreateAsync(migrated, cancellationToken),
        };
        return new TestDatabase(provider, connectionString);
    }
}
