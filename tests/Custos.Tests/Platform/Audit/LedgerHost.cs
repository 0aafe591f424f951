using Custos.Platform.Audit;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Tests.Cli;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Custos.Tests.Platform.Audit;

/// <summary>
/// A test database with the core composed on it and the ledger's key and witness in a folder private to the test.
/// <see cref="OpenHost"/> composes a second (third...) process-like host on the same database and folder.
/// </summary>
internal sealed class LedgerHost : IAsyncDisposable
{
    private readonly TestDatabase database;
    private readonly bool ownsDatabase;
    private readonly ServiceProvider services;
    private readonly IDictionary<string, string?>? settings;

    private LedgerHost(TestDatabase database, bool ownsDatabase, string folder, string node, TimeProvider time, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.settings = settings;
        Folder = folder;
        Time = time;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [DatabaseSettings.ProviderKey] = database.Provider.ToString(),
                [DatabaseSettings.ConnectionStringKey] = database.ConnectionString,
                ["Audit:SigningKeyPath"] = Path.Combine(folder, "keys", "checkpoint-signing-key.pem"),
                ["Audit:WitnessPath"] = Path.Combine(folder, "witness.jsonl"),
                ["Audit:Node"] = node,
                ["Audit:IntegrationInterval"] = "00:00:00.050",
                ["Audit:CheckpointInterval"] = "00:00:00.500",

                // Most ledger tests look at appends and integration as two steps (what waits, what a round does);
                // integration in the group commit's transaction (ADR 0016) is tested where a test passes "true".
                ["Audit:IntegrateOnAppend"] = "false",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var collection = new ServiceCollection();
        collection.AddFakeLogging();
        collection.AddSingleton(time);
        collection.AddSingleton<ICurrentActor>(Actor);
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddCustosCore(configuration);
        configure?.Invoke(collection);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public DatabaseProvider Provider => database.Provider;

    public string ConnectionString => database.ConnectionString;

    public string Folder { get; }

    public TimeProvider Time { get; }

    public FakeTimeProvider? FakeTime => Time as FakeTimeProvider;

    public TestActor Actor { get; } = new();

    public IServiceProvider Services => services;

    public string WitnessPath => Path.Combine(Folder, "witness.jsonl");

    public string KeyPath => Path.Combine(Folder, "keys", "checkpoint-signing-key.pem");

    public AuditSequencer Sequencer => services.GetRequiredService<AuditSequencer>();

    /// <summary>Runs the real <c>custos</c> command against this host's database, signing key and witness.</summary>
    public Task<CommandRun> RunCommandAsync(params string[] args) =>
        CustosCommand.RunAsync(
            new Dictionary<string, string?>
            {
                ["Database:Provider"] = Provider.ToString(),
                ["ConnectionStrings:Custos"] = ConnectionString,
                ["Audit:SigningKeyPath"] = KeyPath,
                ["Audit:WitnessPath"] = WitnessPath,
            },
            args);

    public static async Task<LedgerHost> CreateAsync(DatabaseProvider provider, bool realTime = false, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var folder = Path.Combine(Path.GetTempPath(), "custos-audit-tests", TestRun.Id, TestRun.RandomHex(8));
        Directory.CreateDirectory(folder);
        return new LedgerHost(database, ownsDatabase: true, folder, "node-a", realTime ? TimeProvider.System : database.Time, settings, configure);
    }

    /// <summary>Another host on the same database, key and witness, as a second web process would be.</summary>
    public LedgerHost OpenHost(string node) => new(database, ownsDatabase: false, Folder, node, Time, settings);

    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, CancellationToken, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>(), TestContext.Current.CancellationToken);
    }

    public async Task RunAsync<TService>(Func<TService, CancellationToken, Task> action)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>(), TestContext.Current.CancellationToken);
    }

    /// <summary>Runs SQL as a database administrator would, past the application.</summary>
    public Task<int> TamperAsync(string sql, params object[] parameters) =>
        RunAsync<AppDbContext, int>((db, ct) => db.Database.ExecuteSqlRawAsync(sql, parameters, ct));

    public Task<List<AuditEntry>> EntriesAsync() =>
        RunAsync<AppDbContext, List<AuditEntry>>((db, ct) => db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct));

    public Task<VerificationReport> VerifyAsync() =>
        RunAsync<AuditLedgerMaintenance, VerificationReport>((m, ct) => m.VerifyAsync(AuditLedgerMaintenance.TriggerOnDemand, null, ct));

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (ownsDatabase)
        {
            await database.DisposeAsync();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
