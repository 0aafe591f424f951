using Custos.Platform.Crypto;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Platform.Crypto;

/// <summary>Several nodes on one database (DESIGN.md §5): they must agree on one active key and read each other's values.</summary>
public sealed class ConcurrentNodesTests
{
    [Theory, AllDatabaseProviders]
    public async Task Nodes_racing_to_write_the_first_sensitive_value_end_with_one_active_key(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var key = CryptoNode.NewKey();
        var nodes = Enumerable.Range(0, 4).Select(_ => new CryptoNode(db, CryptoNode.WithKey(key))).ToList();
        try
        {
            using var start = new SemaphoreSlim(0);
            var writes = nodes.Select((node, i) => Task.Run(async () =>
            {
                await start.WaitAsync(TestContext.Current.CancellationToken);
                await node.RunAsync<DataProtectionKeyStore, bool>(store =>
                {
                    store.Add($"key-{i}", $"<key id=\"{i}\" />");
                    return true;
                });
            })).ToList();
            start.Release(nodes.Count);
            await Task.WhenAll(writes);

            var status = await nodes[0].RunAsync<GetEncryptionStatus, EncryptionStatus>(h => h.HandleAsync(TestContext.Current.CancellationToken));
            var fieldKey = status.Keys.Where(k => k.Purpose == DataKeyPurpose.FieldEncryption).ShouldHaveSingleItem();
            fieldKey.State.ShouldBe(DataKeyState.Active);
            fieldKey.Values.ShouldBe(nodes.Count);
            foreach (var node in nodes)
            {
                (await node.RunAsync<DataProtectionKeyStore, IReadOnlyList<string>>(store => store.GetAll())).Count.ShouldBe(nodes.Count);
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
