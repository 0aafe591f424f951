using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Custos.Platform.Identity.ApiKeys;
using Custos.Platform.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Benchmarks.Identity;

/// <summary>
/// What an API-key request costs in authentication, through the real handler on a SQLite file holding 1,000 keys.
/// The claims it checks (ADR 0010): (1) the throttled last-use write keeps a busy key to one indexed read per
/// request, where writing last use and a security event on every request would cost several times more; (2) verifying a 256-bit
/// secret with SHA-256 is thousands of times cheaper than a password hash, which a high-entropy secret does not need.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 10)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ApiKeyAuthenticationBenchmarks
{
    private const string HandlerCategory = "Handler";
    private const string HashCategory = "Verifier";
    private const int KeyCount = 1_000;

    private int _calls;
    private string _folder = string.Empty;
    private ServiceProvider _services = null!;
    private string _token = string.Empty;
    private byte[] _storedHash = [];
    private string _passwordHash = string.Empty;
    private readonly PasswordHasher<CustosUser> _passwordHasher = new();

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
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCustosCore(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        using (var scope = _services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(progress: null, CancellationToken.None);
        }

        for (var i = 0; i < KeyCount; i++)
        {
            using var scope = _services.CreateScope();
            var issued = await scope.ServiceProvider.GetRequiredService<CreateApiKey>()
                .HandleAsync(new CreateApiKeyCommand($"service {i}", [Permissions.ComplianceRead]), CancellationToken.None);
            _token = issued.Secret;
        }

        _storedHash = SHA256.HashData(Encoding.UTF8.GetBytes(_token));
        _passwordHash = _passwordHasher.HashPassword(new CustosUser(), _token);
        if (!(await AuthenticateAsync("198.51.100.4")).Succeeded)
        {
            throw new InvalidOperationException("The benchmark key does not authenticate; the setup is wrong.");
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A busy key from one address: used within the last minute, so nothing is written.</summary>
    [Benchmark(Baseline = true, Description = "Same key and address within the minute (read only)")]
    [BenchmarkCategory(HandlerCategory)]
    public async Task<bool> BusyKeyAsync() => (await AuthenticateAsync("198.51.100.4")).Succeeded;

    /// <summary>What every request would cost without the throttle: last use written and a keys.use event stored each time.</summary>
    [Benchmark(Description = "New address on every request (last use + event written)")]
    [BenchmarkCategory(HandlerCategory)]
    public async Task<bool> UnthrottledAsync() => (await AuthenticateAsync(++_calls % 2 == 0 ? "203.0.113.7" : "203.0.113.8")).Succeeded;

    [Benchmark(Baseline = true, Description = "SHA-256 + constant-time compare")]
    [BenchmarkCategory(HashCategory)]
    public bool Sha256() => CryptographicOperations.FixedTimeEquals(_storedHash, SHA256.HashData(Encoding.UTF8.GetBytes(_token)));

    [Benchmark(Description = "Identity password hash verify (PBKDF2)")]
    [BenchmarkCategory(HashCategory)]
    public bool PasswordHash() =>
        _passwordHasher.VerifyHashedPassword(new CustosUser(), _passwordHash, _token) != PasswordVerificationResult.Failed;

    private async Task<ApiKeyAuthentication> AuthenticateAsync(string clientAddress)
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthenticateApiKey>().HandleAsync(_token, clientAddress, CancellationToken.None);
    }
}
