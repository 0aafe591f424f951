using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Custos.Platform.Crypto;
using Custos.Platform.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Benchmarks.Crypto;

/// <summary>
/// The cost of one sensitive value through the converter's cipher (UTF-8, active key from the ring, AES-256-GCM
/// with a fresh nonce, 45-byte envelope, associated data "table.column") against plain AES-256-GCM of the same bytes
/// with a cached key object and a caller-supplied buffer: what the envelope adds per value. The ring is the real one
/// (AddCustosCore over a migrated SQLite file, a configured key-encryption key), loaded before measuring.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 10)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the key object.
public class FieldEncryptionBenchmarks
#pragma warning restore CA1001
{
    private const string EncryptCategory = "Encrypt";
    private const string DecryptCategory = "Decrypt";
    private const string Binding = "incidents_reports.details";

    private string folder = string.Empty;
    private ServiceProvider services = null!;
    private SensitiveFieldCipher cipher = null!;
    private AesGcm plainAes = null!;
    private byte[] plainKey = [];
    private string value = string.Empty;
    private byte[] valueBytes = [];
    private byte[] envelope = [];
    private byte[] plainCiphertext = [];
    private byte[] plainTag = [];
    private byte[] plainNonce = [];
    private byte[] output = [];

    /// <summary>Characters in the value: a short identifier and a paragraph of incident narrative.</summary>
    [Params(32, 1024)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("custos-bench-crypto-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "Sqlite",
            [DatabaseSettings.ConnectionStringKey] = $"Data Source={Path.Combine(folder, "custos.db")}",
            [CryptoSettings.KeyEncryptionKeyKey] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            [CryptoSettings.KeyRingRefreshIntervalKey] = "01:00:00",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddCustosCore(configuration);
        services = collection.BuildServiceProvider();
        using (var scope = services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        }

        cipher = services.GetRequiredService<SensitiveFieldCipher>();
        value = new string('x', Length - 8) + "00451234";
        valueBytes = Encoding.UTF8.GetBytes(value);
        envelope = cipher.EncryptString(Binding, value);
        if (cipher.DecryptString(Binding, envelope) != value)
        {
            throw new InvalidOperationException("The envelope did not round-trip.");
        }

        plainKey = RandomNumberGenerator.GetBytes(32);
        plainAes = new AesGcm(plainKey, 16);
        plainNonce = RandomNumberGenerator.GetBytes(12);
        plainTag = new byte[16];
        plainCiphertext = new byte[valueBytes.Length];
        output = new byte[valueBytes.Length];
        plainAes.Encrypt(plainNonce, valueBytes, plainCiphertext, plainTag);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        plainAes.Dispose();
        services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Plain AES-256-GCM (cached key, no envelope)")]
    [BenchmarkCategory(EncryptCategory)]
    public byte[] PlainEncrypt()
    {
        RandomNumberGenerator.Fill(plainNonce);
        plainAes.Encrypt(plainNonce, valueBytes, output, plainTag);
        return output;
    }

    [Benchmark(Description = "Plain AES-256-GCM, new key object per value")]
    [BenchmarkCategory(EncryptCategory)]
    public byte[] PlainEncryptNewKeyObject()
    {
        RandomNumberGenerator.Fill(plainNonce);
        using var aes = new AesGcm(plainKey, 16);
        aes.Encrypt(plainNonce, valueBytes, output, plainTag);
        return output;
    }

    [Benchmark(Description = "Envelope: SensitiveFieldCipher.EncryptString")]
    [BenchmarkCategory(EncryptCategory)]
    public byte[] EnvelopeEncrypt() => cipher.EncryptString(Binding, value);

    [Benchmark(Baseline = true, Description = "Plain AES-256-GCM (cached key, no envelope)")]
    [BenchmarkCategory(DecryptCategory)]
    public byte[] PlainDecrypt()
    {
        plainAes.Decrypt(plainNonce, plainCiphertext, plainTag, output);
        return output;
    }

    [Benchmark(Description = "Envelope: SensitiveFieldCipher.DecryptString")]
    [BenchmarkCategory(DecryptCategory)]
    public string EnvelopeDecrypt() => cipher.DecryptString(Binding, envelope);
}
