using System.Text;
using Custos.Platform;
using Custos.Platform.Crypto;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Platform.Crypto;

/// <summary>
/// 45 CFR 164.312(a)(2)(iv): a sensitive field is stored encrypted, on every provider. The field used is the Data
/// Protection key XML (<c>platform_data_protection_keys.xml</c>), the platform's own sensitive column.
/// </summary>
public sealed class EncryptionAtRestTests
{
    private const string Table = "platform_data_protection_keys";
    private const string Column = "xml";
    private const string Secret = "PLAINTEXT-MARKER-7f3c9a: a value that must never reach the disk in the clear";
    private static readonly string Xml = $"<key id=\"1\"><secret>{Secret}</secret></key>";

    [Theory, AllDatabaseProviders]
    public async Task The_stored_bytes_of_a_sensitive_field_contain_no_plaintext(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using var node = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey()));

        await node.RunAsync<DataProtectionKeyStore, bool>(store =>
        {
            store.Add("key-1", Xml);
            return true;
        });

        var stored = (await RawStore.ReadColumnAsync(db, Table, Column)).ShouldHaveSingleItem();
        Contains(stored, Encoding.UTF8.GetBytes("PLAINTEXT-MARKER")).ShouldBeFalse();
        Contains(stored, Encoding.Unicode.GetBytes("PLAINTEXT-MARKER")).ShouldBeFalse();
        Contains(stored, Encoding.UTF8.GetBytes("<secret>")).ShouldBeFalse();
        stored[0].ShouldBe(SensitiveValueEnvelope.Version1);
        stored.Length.ShouldBe(SensitiveValueEnvelope.HeaderSize + Encoding.UTF8.GetByteCount(Xml));
        (await node.RunAsync<DataProtectionKeyStore, IReadOnlyList<string>>(store => store.GetAll())).ShouldBe([Xml]);
    }

    [Theory, AllDatabaseProviders]
    public async Task Equal_values_are_stored_as_different_bytes(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using var node = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey()));

        await node.RunAsync<DataProtectionKeyStore, bool>(store =>
        {
            store.Add("key-1", Xml);
            store.Add("key-2", Xml);
            return true;
        });

        var stored = await RawStore.ReadColumnAsync(db, Table, Column);
        stored.Count.ShouldBe(2);
        stored[0].ShouldNotBe(stored[1]);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_wrong_key_encryption_key_gives_a_clear_error_never_garbage(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using (var writer = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey())))
        {
            await writer.RunAsync<DataProtectionKeyStore, bool>(store =>
            {
                store.Add("key-1", Xml);
                return true;
            });
        }

        await using var reader = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey()));
        var error = await Should.ThrowAsync<CustosConfigurationException>(() =>
            reader.RunAsync<DataProtectionKeyStore, IReadOnlyList<string>>(store => store.GetAll()));

        error.Setting.ShouldBe(CryptoSettings.KeyEncryptionKeyKey);
        error.Message.ShouldContain("wrapped by key-encryption key");
        error.Message.ShouldContain("Restore the original key-encryption key");
        error.Message.ShouldNotContain("PLAINTEXT-MARKER");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_missing_key_file_gives_a_clear_error_and_no_new_key_is_made(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("custos-kek-").FullName;
        var keyFile = Path.Combine(folder, "custos.kek");
        try
        {
            await using (var writer = new CryptoNode(db, CryptoNode.WithKeyFile(keyFile)))
            {
                await writer.RunAsync<DataProtectionKeyStore, bool>(store =>
                {
                    store.Add("key-1", Xml);
                    return true;
                });
            }

            File.Delete(keyFile);
            await using var reader = new CryptoNode(db, CryptoNode.WithKeyFile(keyFile));
            var error = await Should.ThrowAsync<CustosConfigurationException>(() =>
                reader.RunAsync<DataProtectionKeyStore, IReadOnlyList<string>>(store => store.GetAll()));

            error.Setting.ShouldBe(CryptoSettings.KeyEncryptionKeyFileKey);
            error.Message.ShouldContain("does not exist");
            error.Message.ShouldContain("Restore the file from its backup");
            File.Exists(keyFile).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_without_a_configured_key_encryption_key_says_which_setting_to_set()
    {
        Assert.SkipUnless(TestEnvironment.PostgresConfigured, TestEnvironment.PostgresSkipReason ?? string.Empty);
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, TestContext.Current.CancellationToken);
        await using var node = new CryptoNode(db, new Dictionary<string, string?>());

        var error = await Should.ThrowAsync<CustosConfigurationException>(() =>
            node.RunAsync<DataProtectionKeyStore, bool>(store =>
            {
                store.Add("key-1", Xml);
                return true;
            }));

        error.Setting.ShouldBe(CryptoSettings.KeyEncryptionKeyKey);
        error.Message.ShouldContain("Custos__Crypto__KeyEncryptionKey");
        (await RawStore.ReadColumnAsync(db, Table, Column)).ShouldBeEmpty();
    }

    [Theory, AllDatabaseProviders]
    public async Task An_altered_stored_value_is_refused_not_returned(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using var node = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey()));
        await node.RunAsync<DataProtectionKeyStore, bool>(store =>
        {
            store.Add("key-1", Xml);
            return true;
        });
        var stored = (await RawStore.ReadColumnAsync(db, Table, Column)).Single();
        stored[^1] ^= 0x01;
        await RawStore.OverwriteAllAsync(db, Table, Column, stored);

        var error = await Should.ThrowAsync<SensitiveDataUnreadableException>(() =>
            node.RunAsync<DataProtectionKeyStore, IReadOnlyList<string>>(store => store.GetAll()));

        error.Message.ShouldContain("platform_data_protection_keys.xml failed authentication");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_value_stored_without_encryption_is_refused_not_returned(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using var node = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey()));
        await node.RunAsync<DataProtectionKeyStore, bool>(store =>
        {
            store.Add("key-1", Xml);
            return true;
        });
        await RawStore.OverwriteAllAsync(db, Table, Column, Encoding.UTF8.GetBytes(Xml));

        var error = await Should.ThrowAsync<SensitiveDataUnreadableException>(() =>
            node.RunAsync<DataProtectionKeyStore, IReadOnlyList<string>>(store => store.GetAll()));

        error.Message.ShouldContain("encryption format version");
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
