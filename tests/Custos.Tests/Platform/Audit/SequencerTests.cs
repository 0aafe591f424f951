using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Custos.Tests.Modules.Organization;

namespace Custos.Tests.Platform.Audit;

public sealed class SequencerTests
{
    [Theory, AllDatabaseProviders]
    public async Task Integration_numbers_entries_without_gaps_and_signs_a_checkpoint_of_the_whole_tree(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        await LedgerTestData.AppendAsync(host, 11);

        var result = await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        result.Integrated.ShouldBe(11);
        var checkpoint = result.Checkpoint.ShouldNotBeNull();
        checkpoint.Note.TreeSize.ShouldBe(11);
        (await host.EntriesAsync()).Select(e => e.Sequence).ShouldBe(Enumerable.Range(0, 11).Select(i => (long?)i));
        var ring = new CheckpointKeyRing();
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(host.KeyPath, TestContext.Current.CancellationToken));
        ring.AddPublicKeyPem(key.ExportSubjectPublicKeyInfoPem());
        ring.Check(checkpoint).ShouldBe(CheckpointSignatureCheck.Valid);
    }

    [Theory, AllDatabaseProviders]
    public async Task Every_entry_has_an_inclusion_proof_against_each_checkpoint_and_the_checkpoints_are_consistent(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        var (first, second) = await LedgerTestData.TwoCheckpointsAsync(host, 13, 8);

        foreach (var checkpoint in new[] { first, second })
        {
            var size = checkpoint.Note.TreeSize;
            for (long seq = 0; seq < size; seq++)
            {
                var proof = await host.RunAsync<AuditLedgerReader, InclusionProofView>((r, ct) => r.InclusionProofAsync(seq, size, ct));
                proof.Proof.Count.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(Math.Log2(size)));
                MerkleVerifier.VerifyInclusion(seq, size, Convert.FromBase64String(proof.LeafHash), proof.Proof.Select(Convert.FromBase64String).ToList(), checkpoint.Note.RootHash)
                    .ShouldBeTrue($"entry {seq} in {size}");
            }
        }

        var consistency = await host.RunAsync<AuditLedgerReader, ConsistencyProofView>((r, ct) => r.ConsistencyProofAsync(13, 21, ct));
        MerkleVerifier.VerifyConsistency(13, 21, first.Note.RootHash, second.Note.RootHash, consistency.Proof.Select(Convert.FromBase64String).ToList()).ShouldBeTrue();
    }

    [Theory, AllDatabaseProviders]
    public async Task The_leaf_of_an_entry_is_the_SHA_256_of_a_zero_byte_and_its_canonical_form(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        await LedgerTestData.AppendAsync(host, 3);
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);
        var entry = (await host.EntriesAsync())[1];

        var proof = await host.RunAsync<AuditLedgerReader, InclusionProofView>((r, ct) => r.InclusionProofAsync(1, 3, ct));

        var canonical = entry.ToContent().ToCanonicalJson(1);
        Convert.FromBase64String(proof.LeafHash).ShouldBe(System.Security.Cryptography.SHA256.HashData([0x00, .. canonical]));
    }

    [Theory, AllDatabaseProviders]
    public async Task Entries_written_before_a_crash_are_integrated_by_the_next_process(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        await LedgerTestData.AppendAsync(host, 5);
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        // Appended by a process that then dies before its sequencer runs.
        await using (var crashed = host.OpenHost("node-b"))
        {
            await LedgerTestData.AppendAsync(crashed, 4);
        }

        await using var next = host.OpenHost("node-c");
        var result = await next.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        result.Integrated.ShouldBe(4);
        result.TreeSize.ShouldBe(9);
        (await next.VerifyAsync()).Passed.ShouldBeTrue();
    }

    [Theory, AllDatabaseProviders]
    public async Task The_signing_key_is_created_on_first_use_readable_by_its_owner_only(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        File.Exists(host.KeyPath).ShouldBeFalse();
        await LedgerTestData.AppendAsync(host, 1);

        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        File.Exists(host.KeyPath).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(host.KeyPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        (await File.ReadAllTextAsync(host.KeyPath, TestContext.Current.CancellationToken)).ShouldStartWith("-----BEGIN PRIVATE KEY-----");
    }

    [Theory, AllDatabaseProviders]
    public async Task Every_checkpoint_is_appended_to_the_witness_file(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);

        var (first, second) = await LedgerTestData.TwoCheckpointsAsync(host);

        var witnessed = WitnessRecord.ReadFile(host.WitnessPath);
        witnessed.Select(w => w.TreeSize).ShouldBe([first.Note.TreeSize, second.Note.TreeSize]);
        witnessed[1].RootHash.ShouldBe(Convert.ToBase64String(second.Note.RootHash));
    }

    [Theory, AllDatabaseProviders]
    public async Task A_checkpoint_is_signed_while_entries_arrive_once_the_interval_has_passed(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        await host.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));
        (await host.Sequencer.IntegrateAsync(false, TestContext.Current.CancellationToken)).Checkpoint.ShouldNotBeNull();
        await host.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Summit"), ct));

        var early = await host.Sequencer.IntegrateAsync(false, TestContext.Current.CancellationToken);
        host.FakeTime!.Advance(TimeSpan.FromMilliseconds(500));
        var due = await host.Sequencer.IntegrateAsync(false, TestContext.Current.CancellationToken);

        early.Integrated.ShouldBe(1);
        early.Checkpoint.ShouldBeNull();
        due.Checkpoint.ShouldNotBeNull().Note.TreeSize.ShouldBe(2);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_lost_signing_key_is_never_replaced_by_a_new_one_once_checkpoints_exist(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        await LedgerTestData.AppendAsync(host, 2);
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);
        File.Move(host.KeyPath, host.KeyPath + ".lost");
        await LedgerTestData.AppendAsync(host, 2);

        // A process started after the loss (the first one still holds the key in memory).
        await using var restarted = host.OpenHost("node-b");
        var error = await Should.ThrowAsync<InvalidOperationException>(() => restarted.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("Restore the key from backup");
        File.Exists(host.KeyPath).ShouldBeFalse();
    }
}
