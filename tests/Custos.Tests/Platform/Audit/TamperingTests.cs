using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Platform.Audit;

/// <summary>
/// 45 CFR 164.312(c)(1)-(2): each kind of tampering a database administrator could do is detected, with its kind and
/// the first bad sequence number. The ledger has 21 entries: checkpoints at 12 and 21, both witnessed.
/// </summary>
public sealed class TamperingTests
{
    [Theory, AllDatabaseProviders]
    public async Task An_untouched_ledger_verifies(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        var report = await host.VerifyAsync();

        report.Passed.ShouldBeTrue(report.Failure?.Message);
        report.EntriesChecked.ShouldBe(21);
        report.CheckpointsChecked.ShouldBe(2);
        report.WitnessRecordsChecked.ShouldBe(2);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_modified_entry_is_reported_as_modified_at_its_sequence(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        await host.TamperAsync("UPDATE audit_entries SET actor_name = 'someone else' WHERE sequence = 7");

        await ExpectAsync(host, TamperingKind.Modified, 7);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_deleted_entry_is_reported_as_deleted(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        await host.TamperAsync("DELETE FROM audit_entries WHERE sequence = 4");

        await ExpectAsync(host, TamperingKind.Deleted, 4);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_deletion_hidden_by_renumbering_the_later_entries_is_still_a_deletion(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        await host.TamperAsync("DELETE FROM audit_entries WHERE sequence = 4");
        await host.TamperAsync("UPDATE audit_entries SET sequence = -sequence WHERE sequence > 4");
        await host.TamperAsync("UPDATE audit_entries SET sequence = -sequence - 1 WHERE sequence < 0");

        await ExpectAsync(host, TamperingKind.Deleted, 4);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_entry_inserted_in_the_middle_is_reported_as_inserted(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        await host.TamperAsync("UPDATE audit_entries SET sequence = -sequence - 1 WHERE sequence >= 9");
        await host.TamperAsync("UPDATE audit_entries SET sequence = -sequence WHERE sequence < 0");
        await host.TamperAsync(
            "INSERT INTO audit_entries (sequence, recorded_at, action, actor_kind, actor_id, actor_name, node, outcome, correlation_id) " +
            "SELECT 9, recorded_at, 'auth.sign-in', actor_kind, actor_id, actor_name, node, 'Succeeded', correlation_id FROM audit_entries WHERE sequence = 0");

        await ExpectAsync(host, TamperingKind.Inserted, 9);
    }

    [Theory, AllDatabaseProviders]
    public async Task Two_entries_swapped_are_reported_as_reordered(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        await host.TamperAsync("UPDATE audit_entries SET sequence = -100 WHERE sequence = 5");
        await host.TamperAsync("UPDATE audit_entries SET sequence = 5 WHERE sequence = 8");
        await host.TamperAsync("UPDATE audit_entries SET sequence = 8 WHERE sequence = -100");

        await ExpectAsync(host, TamperingKind.Reordered, 5);
    }

    [Theory, AllDatabaseProviders]
    public async Task Entries_cut_from_the_end_are_reported_as_truncated(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        await host.TamperAsync("DELETE FROM audit_entries WHERE sequence >= 18");

        await ExpectAsync(host, TamperingKind.Truncated, 18);
    }

    [Theory, AllDatabaseProviders]
    public async Task Truncating_entries_and_tree_and_checkpoints_together_is_caught_by_the_witness(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        await host.TamperAsync("DELETE FROM audit_entries WHERE sequence >= 12");
        await host.TamperAsync("DELETE FROM audit_tree_nodes WHERE position >= 12 AND position < 72057594037927936");
        await host.TamperAsync("DELETE FROM audit_checkpoints WHERE tree_size > 12");

        await ExpectAsync(host, TamperingKind.Truncated, 12);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_checkpoint_whose_root_was_changed_is_reported_as_forged(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        await host.TamperAsync("UPDATE audit_checkpoints SET root_hash = {0} WHERE tree_size = 12", new byte[32]);

        await ExpectAsync(host, TamperingKind.ForgedCheckpoint, 12);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_checkpoint_signed_by_an_unknown_key_is_reported_as_forged(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        await host.TamperAsync("UPDATE audit_checkpoints SET key_id = '00000000deadbeef' WHERE tree_size = 21");

        var report = await ExpectAsync(host, TamperingKind.ForgedCheckpoint, 21);
        report.Failure!.Message.ShouldContain("not a known signing key");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_witnessed_checkpoint_deleted_from_the_database_is_reported_as_missing(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        await host.TamperAsync("DELETE FROM audit_checkpoints WHERE tree_size = 12");

        await ExpectAsync(host, TamperingKind.MissingCheckpoint, 12);
    }

    [Theory, AllDatabaseProviders]
    public async Task Rewriting_an_entry_and_recomputing_its_leaf_is_caught_by_the_signed_root(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        await host.TamperAsync("UPDATE audit_entries SET outcome = 'Succeeded' WHERE sequence = 3");
        var rewritten = (await host.EntriesAsync()).Single(e => e.Sequence == 3);

        await host.TamperAsync("UPDATE audit_tree_nodes SET hash = {0} WHERE position = 3", rewritten.ToContent().LeafHash(3));

        await ExpectAsync(host, TamperingKind.Modified, 0);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_database_rebuilt_with_a_different_history_is_caught_by_the_witness(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        // The administrator removes every checkpoint and the tree, rewrites history and lets the sequencer start over:
        // the new checkpoints are validly signed, but the witness remembers the old roots.
        await host.TamperAsync("DELETE FROM audit_checkpoints");
        await host.TamperAsync("DELETE FROM audit_tree_nodes");
        await host.TamperAsync("UPDATE audit_entries SET reason = 'edited' WHERE sequence = 2");
        await host.TamperAsync("UPDATE audit_entries SET sequence = NULL");
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        var report = await host.VerifyAsync();

        report.Passed.ShouldBeFalse();
        report.Failure!.Kind.ShouldBeOneOf(TamperingKind.MissingCheckpoint, TamperingKind.ForgedCheckpoint, TamperingKind.Modified);
    }

    [Theory, AllDatabaseProviders]
    public async Task Each_verification_is_kept_in_the_history_with_its_result(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        await host.VerifyAsync();
        await host.TamperAsync("DELETE FROM audit_entries WHERE sequence = 4");
        await host.VerifyAsync();

        var history = await host.RunAsync<AuditLedgerMaintenance, IReadOnlyList<VerificationRunView>>((m, ct) => m.VerificationHistoryAsync(10, ct));

        history.Select(h => h.Passed).ShouldBe([false, true]);
        history[0].FailureKind.ShouldBe(TamperingKind.Deleted);
        history[0].FailureSequence.ShouldBe(4);
    }

    private static async Task<LedgerHost> ArrangeAsync(DatabaseProvider provider)
    {
        var host = await LedgerHost.CreateAsync(provider);
        await LedgerTestData.TwoCheckpointsAsync(host, 12, 9);
        return host;
    }

    private static async Task<VerificationReport> ExpectAsync(LedgerHost host, TamperingKind kind, long sequence)
    {
        var report = await host.VerifyAsync();
        report.Passed.ShouldBeFalse();
        report.Failure!.Kind.ShouldBe(kind, report.Failure.Message);
        report.Failure.Sequence.ShouldBe(sequence, report.Failure.Message);
        return report;
    }
}
