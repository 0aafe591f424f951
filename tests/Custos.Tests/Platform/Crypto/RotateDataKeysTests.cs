using Custos.Platform.Crypto;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Custos.Tests.Platform.Crypto;

public sealed class RotateDataKeysTests
{
    private static readonly string[] Values = ["<key id=\"a\">alpha</key>", "<key id=\"b\">bravo</key>", "<key id=\"c\">charlie</key>"];
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(2);

    [Theory, AllDatabaseProviders]
    public async Task Values_stay_readable_before_during_and_after_a_rotation(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using var node = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey(), Refresh));
        await AddAsync(node, Values);
        var before = await StatusAsync(node);
        var oldKey = before.Keys.Single(k => k.Purpose == DataKeyPurpose.FieldEncryption);
        oldKey.Values.ShouldBe(3);

        var started = await RotateAsync(node);

        started.Resumed.ShouldBeFalse();
        started.ActiveKeyId.ShouldNotBe(oldKey.Id);
        started.ValuesReencrypted.ShouldBe(3);
        started.RetiredKeys.ShouldBeEmpty();
        started.StillRetiring.ShouldHaveSingleItem().ShouldBe(new RetiringDataKey(oldKey.Id, TestDatabase.StartTime + (2 * Refresh), 0));
        (await ReadAsync(node)).ShouldBe(Values, ignoreOrder: true);
        var during = await StatusAsync(node);
        during.Keys.Single(k => k.Id == oldKey.Id).State.ShouldBe(DataKeyState.Retiring);
        during.Keys.Single(k => k.Id == started.ActiveKeyId).Values.ShouldBe(3);

        db.Time.Advance((2 * Refresh) + TimeSpan.FromSeconds(1));
        var finished = await RotateAsync(node);

        finished.Resumed.ShouldBeTrue();
        finished.ActiveKeyId.ShouldBe(started.ActiveKeyId);
        finished.RetiredKeys.ShouldBe([oldKey.Id]);
        finished.StillRetiring.ShouldBeEmpty();
        (await ReadAsync(node)).ShouldBe(Values, ignoreOrder: true);
        var retired = await db.QueryAsync((context, ct) => context.Set<DataKey>().SingleAsync(k => k.Id == oldKey.Id, ct));
        retired.State.ShouldBe(DataKeyState.Retired);
        retired.WrappedKey.ShouldBeNull();
        retired.RetiredAt.ShouldBe(db.Time.GetUtcNow());
    }

    [Theory, AllDatabaseProviders]
    public async Task Running_rotate_again_continues_an_unfinished_rotation_instead_of_making_another_key(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using var node = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey(), Refresh));
        await AddAsync(node, Values);

        var first = await RotateAsync(node);
        var second = await RotateAsync(node);

        second.Resumed.ShouldBeTrue();
        second.ActiveKeyId.ShouldBe(first.ActiveKeyId);
        second.ValuesReencrypted.ShouldBe(0);
        (await StatusAsync(node)).Keys.Count(k => k.Purpose == DataKeyPurpose.FieldEncryption).ShouldBe(2);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_value_written_with_the_old_key_by_a_lagging_node_is_moved_before_that_key_is_retired(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var key = CryptoNode.NewKey();
        await using var rotating = new CryptoNode(db, CryptoNode.WithKey(key, Refresh));
        await using var lagging = new CryptoNode(db, CryptoNode.WithKey(key, TimeSpan.FromHours(1)));
        await AddAsync(lagging, Values[0]);
        var started = await RotateAsync(rotating);

        await AddAsync(lagging, Values[1]);

        var oldKey = started.StillRetiring.Single().KeyId;
        (await StatusAsync(rotating)).Keys.Single(k => k.Id == oldKey).Values.ShouldBe(1);
        db.Time.Advance((2 * Refresh) + TimeSpan.FromSeconds(1));
        var finished = await RotateAsync(rotating);
        finished.ValuesReencrypted.ShouldBe(1);
        finished.RetiredKeys.ShouldBe([oldKey]);
        (await StatusAsync(rotating)).Keys.Single(k => k.Id == started.ActiveKeyId).Values.ShouldBe(2);
        (await ReadAsync(rotating)).ShouldBe(Values[..2], ignoreOrder: true);
        (await ReadAsync(lagging)).ShouldBe(Values[..2], ignoreOrder: true);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_value_restored_from_before_a_finished_rotation_names_the_retired_key(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using var node = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey(), Refresh));
        await AddAsync(node, Values[0]);
        var backup = (await RawStore.ReadColumnAsync(db, "platform_data_protection_keys", "xml")).Single();
        await RotateAsync(node);
        db.Time.Advance((2 * Refresh) + TimeSpan.FromSeconds(1));
        await RotateAsync(node);

        await RawStore.OverwriteAllAsync(db, "platform_data_protection_keys", "xml", backup);

        var error = await Should.ThrowAsync<SensitiveDataUnreadableException>(() => ReadAsync(node));
        error.Message.ShouldContain("retired on");
        error.Message.ShouldContain("restore the key table from the same backup");
    }

    [Theory, AllDatabaseProviders]
    public async Task The_background_pass_finishes_an_unfinished_rotation_and_otherwise_does_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var key = CryptoNode.NewKey();
        await using var web = new CryptoNode(db, CryptoNode.WithKey(key, Refresh));
        await using var lagging = new CryptoNode(db, CryptoNode.WithKey(key, TimeSpan.FromHours(1)));
        await AddAsync(lagging, Values[0]);
        (await ContinueAsync(web)).ShouldBeNull();
        var started = await RotateAsync(web);
        await AddAsync(lagging, Values[1]);

        var early = await ContinueAsync(web);
        db.Time.Advance((2 * Refresh) + TimeSpan.FromSeconds(1));
        var late = await ContinueAsync(web);

        early.ShouldNotBeNull().ValuesReencrypted.ShouldBe(1);
        early.RetiredKeys.ShouldBeEmpty();
        late.ShouldNotBeNull().RetiredKeys.ShouldBe([started.StillRetiring.Single().KeyId]);
        (await ContinueAsync(web)).ShouldBeNull();
        (await ReadAsync(web)).ShouldBe(Values[..2], ignoreOrder: true);
    }

    [Theory, AllDatabaseProviders]
    public async Task Rotating_an_installation_without_sensitive_values_makes_its_first_key(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await using var node = new CryptoNode(db, CryptoNode.WithKey(CryptoNode.NewKey(), Refresh));

        var result = await RotateAsync(node);

        result.Resumed.ShouldBeFalse();
        result.ValuesReencrypted.ShouldBe(0);
        result.StillRetiring.ShouldBeEmpty();
        var key = (await StatusAsync(node)).Keys.ShouldHaveSingleItem();
        key.Id.ShouldBe(result.ActiveKeyId);
        key.State.ShouldBe(DataKeyState.Active);
    }

    private static Task<DataKeyRotation> RotateAsync(CryptoNode node) =>
        node.RunAsync<RotateDataKeys, DataKeyRotation>(h => h.HandleAsync(new RotateDataKeysCommand(WaitForRetirement: false), null, TestContext.Current.CancellationToken));

    private static Task<DataKeyRotation?> ContinueAsync(CryptoNode node) =>
        node.RunAsync<RotateDataKeys, DataKeyRotation?>(h => h.ContinueIfUnfinishedAsync(TestContext.Current.CancellationToken));

    private static Task<EncryptionStatus> StatusAsync(CryptoNode node) =>
        node.RunAsync<GetEncryptionStatus, EncryptionStatus>(h => h.HandleAsync(TestContext.Current.CancellationToken));

    private static Task<IReadOnlyList<string>> ReadAsync(CryptoNode node) =>
        node.RunAsync<DataProtectionKeyStore, IReadOnlyList<string>>(store => store.GetAll());

    private static async Task AddAsync(CryptoNode node, params string[] values)
    {
        foreach (var value in values)
        {
            await node.RunAsync<DataProtectionKeyStore, bool>(store =>
            {
                store.Add("key", value);
                return true;
            });
        }
    }
}
