using System.Security.Cryptography;
using Custos.Platform;
using Custos.Platform.Crypto;
using Custos.Platform.Persistence;
using Microsoft.Extensions.Configuration;

namespace Custos.Tests.Platform.Crypto;

public sealed class LocalKeyEncryptionKeyTests : IDisposable
{
    private static readonly DatabaseSettings Postgres = new(DatabaseProvider.Postgres, "Host=localhost;Database=custos", MigrateOnStartup: false);
    private readonly string folder = Directory.CreateTempSubdirectory("custos-kek-tests-").FullName;

    [Theory]
    [InlineData("not base64!", "not valid base64")]
    [InlineData("AAAA", "3 bytes; it must be 32")]
    public void A_malformed_configured_key_is_refused_at_start_naming_the_setting(string value, string expected)
    {
        var error = Should.Throw<CustosConfigurationException>(() => Settings(new() { [CryptoSettings.KeyEncryptionKeyKey] = value }, Postgres));

        error.Setting.ShouldBe(CryptoSettings.KeyEncryptionKeyKey);
        error.Message.ShouldContain(expected);
        error.Message.ShouldContain("openssl rand -base64 32");
    }

    [Fact]
    public void Setting_both_the_key_and_a_key_file_is_refused()
    {
        var error = Should.Throw<CustosConfigurationException>(() => Settings(
            new() { [CryptoSettings.KeyEncryptionKeyKey] = Key(), [CryptoSettings.KeyEncryptionKeyFileKey] = "/etc/custos/kek" }, Postgres));

        error.Message.ShouldContain("Set one");
    }

    [Fact]
    public void The_sqlite_default_is_a_key_file_beside_the_database_created_owner_only()
    {
        var database = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "custos.db")}", MigrateOnStartup: true);
        var settings = Settings([], database);
        using var kek = new LocalKeyEncryptionKey(settings);

        kek.EnsureAvailable(databaseHasWrappedKeys: false);

        settings.KeyEncryptionKeyFile.ShouldBe(Path.Combine(folder, CryptoSettings.DefaultKeyFileName));
        File.Exists(settings.KeyEncryptionKeyFile).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(settings.KeyEncryptionKeyFile!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Convert.FromBase64String(File.ReadAllText(settings.KeyEncryptionKeyFile!).Trim()).Length.ShouldBe(32);
    }

    [Fact]
    public void A_key_file_is_reused_not_replaced()
    {
        var path = Path.Combine(folder, "kek");
        var settings = Settings(new() { [CryptoSettings.KeyEncryptionKeyFileKey] = path }, Postgres);
        WrappedKey wrapped;
        using (var first = new LocalKeyEncryptionKey(settings))
        {
            first.EnsureAvailable(databaseHasWrappedKeys: false);
            wrapped = first.Wrap([1, 2, 3], "context");
        }

        using var second = new LocalKeyEncryptionKey(settings);
        second.EnsureAvailable(databaseHasWrappedKeys: true);

        second.Unwrap(wrapped, "context").ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public void A_wrapped_key_unwraps_only_with_its_context()
    {
        using var kek = new LocalKeyEncryptionKey(Settings(new() { [CryptoSettings.KeyEncryptionKeyKey] = Key() }, Postgres));
        var wrapped = kek.Wrap([9, 9, 9], "custos/data-key/v1/FieldEncryption/a");

        Should.Throw<SensitiveDataUnreadableException>(() => kek.Unwrap(wrapped, "custos/data-key/v1/FieldEncryption/b"));
    }

    [Fact]
    public void The_key_id_is_a_public_fingerprint_that_differs_per_key()
    {
        var key = RandomNumberGenerator.GetBytes(32);

        LocalKeyEncryptionKey.IdOf(key).ShouldBe(LocalKeyEncryptionKey.IdOf(key));
        LocalKeyEncryptionKey.IdOf(key).Length.ShouldBe(16);
        LocalKeyEncryptionKey.IdOf(key).ShouldNotBe(LocalKeyEncryptionKey.IdOf(RandomNumberGenerator.GetBytes(32)));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static CryptoSettings Settings(Dictionary<string, string?> values, DatabaseSettings database) =>
        CryptoSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), database);
}
