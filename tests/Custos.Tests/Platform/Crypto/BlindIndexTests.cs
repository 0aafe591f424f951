using Custos.Platform.Crypto;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Platform.Crypto;

public sealed class BlindIndexTests
{
    [Theory, AllDatabaseProviders]
    public async Task Equal_identifiers_get_equal_indexes_and_nothing_else_does(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var key = CryptoNode.NewKey();
        await using var node = new CryptoNode(db, CryptoNode.WithKey(key));
        var index = node.Get<BlindIndex>();

        var mrn = index.Compute("workforce.mrn", "00451234");

        mrn.Length.ShouldBe(BlindIndex.Size);
        index.Compute("workforce.mrn", "00451234").ShouldBe(mrn);
        index.Compute("workforce.mrn", "00451235").ShouldNotBe(mrn);
        index.Compute("incidents.mrn", "00451234").ShouldNotBe(mrn);
        await using var otherNode = new CryptoNode(db, CryptoNode.WithKey(key));
        otherNode.Get<BlindIndex>().Compute("workforce.mrn", "00451234").ShouldBe(mrn);
    }

    [Theory, AllDatabaseProviders]
    public async Task Another_installation_indexes_the_same_identifier_differently(DatabaseProvider provider)
    {
        await using var first = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using var second = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var key = CryptoNode.NewKey();
        await using var a = new CryptoNode(first, CryptoNode.WithKey(key));
        await using var b = new CryptoNode(second, CryptoNode.WithKey(key));

        a.Get<BlindIndex>().Compute("workforce.mrn", "00451234").ShouldNotBe(b.Get<BlindIndex>().Compute("workforce.mrn", "00451234"));
    }

    [Theory, AllDatabaseProviders]
    public async Task The_blind_index_secret_is_its_own_key_and_survives_rotation(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using var node = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey()));
        var before = node.Get<BlindIndex>().Compute("workforce.mrn", "00451234");

        await node.RunAsync<RotateDataKeys, DataKeyRotation>(h => h.HandleAsync(new RotateDataKeysCommand(false), null, TestContext.Current.CancellationToken));

        node.Get<BlindIndex>().Compute("workforce.mrn", "00451234").ShouldBe(before);
        var status = await node.RunAsync<GetEncryptionStatus, EncryptionStatus>(h => h.HandleAsync(TestContext.Current.CancellationToken));
        status.Keys.Single(k => k.Purpose == DataKeyPurpose.BlindIndex).State.ShouldBe(DataKeyState.Active);
    }
}
