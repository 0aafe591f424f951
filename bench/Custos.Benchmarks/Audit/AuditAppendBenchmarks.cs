using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Benchmarks.Audit;

/// <summary>
/// The ledger's write path under concurrency (issue 4, item 9; ADR 0016): <see cref="Callers"/> concurrent callers
/// each append one entry in a transaction of its own and wait for its commit, as security events do. Baseline: the
/// path before group commit (each call its own SaveChanges and transaction), measured in the same run on the same
/// SQLite file. Compared: <see cref="AuditAppender"/> with group commit. Per entry.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 10)]
public class AuditAppendBenchmarks
{
    public const int Callers = 64;

    private string _folder = string.Empty;
    private ServiceProvider _services = null!;
    private long _next;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"custos-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [DatabaseSettings.ProviderKey] = nameof(DatabaseProvider.Sqlite),
                [DatabaseSettings.ConnectionStringKey] = $"Data Source={Path.Combine(_folder, "custos.db")}",
                ["Audit:SigningKeyPath"] = Path.Combine(_folder, "key.pem"),
                ["Audit:WitnessPath"] = Path.Combine(_folder, "witness.jsonl"),
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCustosCore(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(progress: null, CancellationToken.None);
        }

        await GroupCommitAsync();
        await using (var scope = _services.CreateAsyncScope())
        {
            var status = await scope.ServiceProvider.GetRequiredService<AuditLedgerReader>().StatusAsync(CancellationToken.None);
            if (status.AppendedCount != Callers)
            {
                throw new InvalidOperationException($"Expected {Callers} appended entries after one operation, found {status.AppendedCount}.");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Callers, Description = "One transaction per append (before group commit)")]
    public Task OneTransactionPerAppendAsync() => Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
    {
        await using var scope = _services.CreateAsyncScope();
        var entry = Entry(scope.ServiceProvider);
        await AuditAppender.AppendWithoutGroupCommitAsync(scope.ServiceProvider, [entry], CancellationToken.None);
    })));

    [Benchmark(OperationsPerInvoke = Callers, Description = "Group commit (AuditAppender)")]
    public Task GroupCommitAsync() => Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditAppender>().AppendAsync(Entry(scope.ServiceProvider), CancellationToken.None);
    })));

    private AuditEntryContent Entry(IServiceProvider scope) =>
        scope.GetRequiredService<AuditEntryFactory>().Create("auth.sign-in", AuditOutcome.Succeeded, "user", $"u-{Interlocked.Increment(ref _next)}");
}
