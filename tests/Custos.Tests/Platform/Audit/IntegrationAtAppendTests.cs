using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Tests.Infrastructure;
using Custos.Tests.Modules.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Audit;

/// <summary>
/// Integration at append (ADR 0016): a group commit takes the sequencer's database lock, numbers what other
/// transactions left waiting, and inserts its own entries already numbered, all in its one transaction. The
/// sequence stays gap-free, one process integrates at a time, and a failed transaction numbers nothing.
/// </summary>
public sealed class IntegrationAtAppendTests
{
    private static readonly Dictionary<string, string?> OnAppend = new(StringComparer.Ordinal) { ["Audit:IntegrateOnAppend"] = "true" };

    [Theory, AllDatabaseProviders]
    public async Task A_group_commit_inserts_its_entries_already_numbered_and_the_ledger_verifies(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider, settings: OnAppend);

        await LedgerTestData.AppendAsync(host, 10);

        var entries = await host.EntriesAsync();
        entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(0, 10).Select(i => (long?)i), "numbered by the append itself, before any background round");
        (await host.RunAsync<AuditLedgerReader, LedgerStatus>((r, ct) => r.StatusAsync(ct))).WaitingCount.ShouldBe(0);
        var round = await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);
        round.Integrated.ShouldBe(0, "nothing was left waiting");
        round.Checkpoint.ShouldNotBeNull().Note.TreeSize.ShouldBe(10);
        var report = await host.VerifyAsync();
        report.Passed.ShouldBeTrue(report.Failure?.Message);
        WitnessRecord.ReadFile(host.WitnessPath).Select(w => w.TreeSize).ShouldBe([1, 10], "the first append signed the first checkpoint; the forced one covers all");
    }

    [Theory, AllDatabaseProviders]
    public async Task Entries_left_waiting_by_other_transactions_are_numbered_first_by_the_next_group_commit(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider, settings: OnAppend);

        // A record change: its entry is in the change's own transaction, without a number.
        await host.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));
        var waiting = (await host.EntriesAsync()).ShouldHaveSingleItem();
        waiting.Sequence.ShouldBeNull();

        await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Succeeded) { ResourceId = "after" }, ct));

        var entries = await host.EntriesAsync();
        entries.Select(e => (e.Action, e.Sequence)).ShouldBe([(AuditActions.RecordCreated, (long?)0), ("auth.sign-in", 1)]);
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);
        (await host.VerifyAsync()).Passed.ShouldBeTrue();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_group_commit_that_fails_after_numbering_rolls_back_its_entries_and_their_numbers(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider, settings: OnAppend);
        await host.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));

        // The checkpoints cannot be read: the transaction fails after it has numbered the waiting entry, inserted its
        // own numbered and written their tree nodes.
        await host.TamperAsync("ALTER TABLE audit_checkpoints RENAME TO audit_checkpoints_away");
        var error = await Should.ThrowAsync<Exception>(() => host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Failed) { ResourceId = "lost" }, ct)));
        await host.TamperAsync("ALTER TABLE audit_checkpoints_away RENAME TO audit_checkpoints");

        error.ShouldBeAssignableTo<System.Data.Common.DbException>();
        var afterFailure = await host.EntriesAsync();
        afterFailure.Select(e => (e.Action, e.Sequence)).ShouldBe([(AuditActions.RecordCreated, (long?)null)], "the failed caller's entry is not written and the waiting entry's number rolled back");

        await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Succeeded) { ResourceId = "after" }, ct));
        (await host.EntriesAsync()).Select(e => (e.ResourceId, e.Sequence)).Skip(1).ShouldBe([("after", (long?)1)]);
        (await host.EntriesAsync())[0].Sequence.ShouldBe(0);
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);
        var report = await host.VerifyAsync();
        report.Passed.ShouldBeTrue(report.Failure?.Message);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_group_commit_waits_while_another_connection_holds_the_sequencer_lock_and_acknowledges_nothing_meanwhile(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await LedgerHost.CreateAsync(provider, settings: OnAppend);
        await using var scope = host.Services.CreateAsyncScope();
        var other = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var transaction = await other.Database.BeginTransactionAsync(ct);

        // Another process's sequencer round: the PostgreSQL advisory lock (key "custos-audit" in ASCII), or SQLite's
        // single write lock.
        await other.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite ? "UPDATE audit_ledger_info SET origin = origin" : "SELECT pg_advisory_xact_lock(27995161429504865)", ct);
        var append = host.RunAsync<ISecurityEventSink>((sink, c) => sink.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Succeeded) { ResourceId = "queued" }, c));
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var acknowledgedWhileLocked = append.IsCompleted;
        await transaction.RollbackAsync(ct);
        await transaction.DisposeAsync();
        await append;

        acknowledgedWhileLocked.ShouldBeFalse();
        (await host.EntriesAsync()).ShouldHaveSingleItem().Sequence.ShouldBe(0);
    }

    [Fact]
    public async Task With_SQLite_synchronous_NORMAL_a_group_commit_numbers_entries_but_leaves_the_checkpoint_to_a_synced_round()
    {
        await using var host = await LedgerHost.CreateAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string?>(OnAppend) { [DatabaseSettings.SqliteSynchronousKey] = "Normal" });

        await LedgerTestData.AppendAsync(host, 3);

        (await host.EntriesAsync()).Select(e => e.Sequence).ShouldBe([0, 1, 2]);
        (await host.RunAsync<AuditLedgerReader, LedgerStatus>((r, ct) => r.StatusAsync(ct))).LatestCheckpoint.ShouldBeNull("with NORMAL a group commit is not synced, so it signs nothing the witness would then hold");
        var round = await host.Sequencer.IntegrateAsync(forceCheckpoint: false, TestContext.Current.CancellationToken);
        round.Checkpoint.ShouldNotBeNull().Note.TreeSize.ShouldBe(3);
        (await host.VerifyAsync()).Passed.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, 2L)]
    [InlineData("Full", 2L)]
    [InlineData("normal", 1L)]
    public async Task SQLite_connections_run_in_WAL_mode_with_synchronous_FULL_unless_NORMAL_is_chosen(string? setting, long expected)
    {
        await using var host = await LedgerHost.CreateAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string?> { [DatabaseSettings.SqliteSynchronousKey] = setting });

        var (journal, synchronous) = await host.RunAsync<AppDbContext, (string, long)>(async (db, ct) =>
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            var mode = (string)(await command.ExecuteScalarAsync(ct))!;
            command.CommandText = "PRAGMA synchronous";
            return (mode, (long)(await command.ExecuteScalarAsync(ct))!);
        });

        journal.ShouldBe("wal");
        synchronous.ShouldBe(expected, "2 = FULL (every commit synced), 1 = NORMAL (ADR 0016)");
    }

    [Fact]
    public void An_unknown_synchronous_setting_is_refused_with_the_key_and_the_choices()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseSettings.SqliteSynchronousKey] = "OFF" })
            .Build();

        var error = Should.Throw<Custos.Platform.CustosConfigurationException>(() => DatabaseSettings.FromConfiguration(configuration));

        error.Message.ShouldContain(DatabaseSettings.SqliteSynchronousKey);
        error.Message.ShouldContain("'Normal'");
    }
}
