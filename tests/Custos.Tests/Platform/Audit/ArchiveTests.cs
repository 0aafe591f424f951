using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Tests.Cli;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Platform.Audit;

/// <summary>
/// Issue 4 item 10, 45 CFR 164.316(b)(2)(i): entries stay in the database six years; then a segment can move to an
/// archive folder that verifies alone, the live ledger still verifies, and both together cover the whole history.
/// The ledger: 21 entries checkpointed at 12 and 21 on 2026-03-02, then, six years and a day later, 5 more.
/// </summary>
public sealed class ArchiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabaseProviders]
    public async Task A_segment_older_than_six_years_is_archived_removed_and_the_live_ledger_the_archive_and_both_together_verify(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var folder = Path.Combine(host.Folder, "archive-1");

        var result = await ArchiveAsync(host, 21, folder);
        var live = await host.VerifyAsync();
        var alone = await VerifyFolderAsync(folder);
        var whole = await host.RunAsync<AuditLedgerMaintenance, VerificationReport>((m, ct) => m.VerifyWithArchivesAsync("test", [folder], null, ct));
        var left = await host.EntriesAsync();

        result.Record.FromSequence.ShouldBe(0);
        result.Record.ThroughSequence.ShouldBe(21);
        left.ShouldAllBe(e => e.Sequence == null || e.Sequence >= 21);
        left.Count(e => e.Action == AuditActions.LedgerArchived && e.ResourceId == "0-21" && e.Reason!.Contains(result.Record.ManifestSha256, StringComparison.Ordinal)).ShouldBe(1);
        (await host.RunAsync<AuditLedgerArchiver, IReadOnlyList<ArchiveRecordView>>((a, ct) => a.ListAsync(ct))).Single().RootHash.ShouldBe(result.Record.RootHash);
        live.Passed.ShouldBeTrue(live.Failure?.Message);
        live.ArchivedEntries.ShouldBe(21);
        alone.Passed.ShouldBeTrue(alone.Failure?.Message);
        alone.EntriesChecked.ShouldBe(21);
        whole.Passed.ShouldBeTrue(whole.Failure?.Message);
        whole.ArchivedEntries.ShouldBe(0);
        whole.EntriesChecked.ShouldBeGreaterThanOrEqualTo(26);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_second_archive_chains_from_the_first_and_an_export_after_archiving_still_verifies(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var first = Path.Combine(host.Folder, "archive-1");
        var second = Path.Combine(host.Folder, "archive-2");
        var export = Path.Combine(host.Folder, "export");

        await ArchiveAsync(host, 12, first);
        await host.Sequencer.IntegrateAllAsync(Ct);
        var result = await ArchiveAsync(host, 21, second);
        await host.Sequencer.IntegrateAllAsync(Ct);
        await host.RunAsync<AuditLedgerMaintenance>((m, ct) => m.ExportAsync(export, null, ct));

        result.Record.FromSequence.ShouldBe(12);
        (await VerifyFolderAsync(second)).Passed.ShouldBeTrue();
        (await host.VerifyAsync()).Passed.ShouldBeTrue();
        var whole = await host.RunAsync<AuditLedgerMaintenance, VerificationReport>((m, ct) => m.VerifyWithArchivesAsync("test", [second, first], null, ct));
        whole.Passed.ShouldBeTrue(whole.Failure?.Message);
        var exported = await VerifyFolderAsync(export, key: Path.Combine(export, "public-key.pem"));
        exported.Passed.ShouldBeTrue(exported.Failure?.Message);
        exported.ArchivedEntries.ShouldBe(21);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_segment_with_an_entry_younger_than_six_years_is_refused_and_nothing_is_written_or_removed(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        await LedgerTestData.TwoCheckpointsAsync(host, 12, 9);
        host.FakeTime!.Advance(TimeSpan.FromDays((6 * 365) + 1)); // one day short of six years (2028-02-29 and 2032-02-29 in between)
        await LedgerTestData.AppendAsync(host, 3);
        await host.Sequencer.IntegrateAllAsync(Ct);
        var before = (await host.EntriesAsync()).Count;
        var folder = Path.Combine(host.Folder, "too-young");

        var byRange = await PlanAsync(host, new ArchiveRequest(null, 21));
        var byDate = await PlanAsync(host, new ArchiveRequest(new DateOnly(2026, 3, 3), null));
        var attempt = await Should.ThrowAsync<ArchiveRefusedException>(() => host.RunAsync<AuditLedgerArchiver, ArchiveResult>((a, ct) => a.ArchiveAsync(byRange, folder, null, ct)));

        byRange.Allowed.ShouldBeFalse();
        byRange.Refusal!.ShouldContain("45 CFR 164.316(b)(2)(i)");
        byRange.Refusal!.ShouldContain("2032-03-02");
        byDate.Refusal!.ShouldContain("less than 6 years ago");
        attempt.Message.ShouldContain("164.316(b)(2)(i)");
        Directory.Exists(folder).ShouldBeFalse();
        (await host.EntriesAsync()).Count.ShouldBe(before);
        (await host.RunAsync<AuditLedgerArchiver, IReadOnlyList<ArchiveRecordView>>((a, ct) => a.ListAsync(ct))).ShouldBeEmpty();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_range_that_does_not_end_at_a_checkpoint_or_would_leave_no_entry_is_refused(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var size = (await host.EntriesAsync()).Max(e => e.Sequence)!.Value + 1;

        var notCheckpoint = await PlanAsync(host, new ArchiveRequest(null, 15));
        var everything = await PlanAsync(host, new ArchiveRequest(null, size));
        var byDate = await PlanAsync(host, new ArchiveRequest(new DateOnly(2026, 3, 3), null));

        notCheckpoint.Refusal!.ShouldContain("No signed checkpoint has size 15");
        everything.Refusal!.ShouldContain("at least one later entry must stay");
        byDate.Allowed.ShouldBeTrue(byDate.Refusal);
        byDate.Through.ShouldBe(21);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_changed_or_removed_line_in_an_archive_is_detected_with_the_kind_and_the_sequence_number(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var folder = Path.Combine(host.Folder, "archive");
        await ArchiveAsync(host, 21, folder);
        var original = await File.ReadAllLinesAsync(Path.Combine(folder, "entries.jsonl"), Ct);
        var lines = (string[])original.Clone();

        lines[7] = lines[7].Replace("\"user-7\"", "\"user-77\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(Path.Combine(folder, "entries.jsonl"), lines, Ct);
        var modified = await VerifyFolderAsync(folder);
        var modifiedWhole = await host.RunAsync<AuditLedgerMaintenance, VerificationReport>((m, ct) => m.VerifyWithArchivesAsync("test", [folder], null, ct));
        await File.WriteAllLinesAsync(Path.Combine(folder, "entries.jsonl"), original.Where((_, i) => i != 4), Ct);
        var deleted = await VerifyFolderAsync(folder);
        await File.WriteAllLinesAsync(Path.Combine(folder, "entries.jsonl"), original.Take(18), Ct);
        var truncated = await VerifyFolderAsync(folder);

        modified.Failure!.Kind.ShouldBe(TamperingKind.Modified);
        modified.Failure.Sequence.ShouldBe(7);
        modifiedWhole.Failure!.Kind.ShouldBe(TamperingKind.Modified);
        modifiedWhole.Failure.Sequence.ShouldBe(7);
        deleted.Failure!.Kind.ShouldBe(TamperingKind.Deleted);
        deleted.Failure.Sequence.ShouldBe(4);
        truncated.Failure!.Kind.ShouldBe(TamperingKind.Truncated);
        truncated.Failure.Sequence.ShouldBe(18);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_file_changed_outside_the_entries_is_caught_by_the_manifest_and_the_database_record(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var folder = Path.Combine(host.Folder, "archive");
        await ArchiveAsync(host, 21, folder);

        await File.AppendAllTextAsync(Path.Combine(folder, "witness.jsonl"), "\n", Ct);
        var alone = await VerifyFolderAsync(folder);
        var whole = await host.RunAsync<AuditLedgerMaintenance, VerificationReport>((m, ct) => m.VerifyWithArchivesAsync("test", [folder], null, ct));

        alone.Failure!.Kind.ShouldBe(TamperingKind.Modified);
        alone.Failure.Message.ShouldContain("witness.jsonl");
        whole.Failure!.Kind.ShouldBe(TamperingKind.Modified);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_archive_that_fails_verification_after_writing_removes_nothing(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var before = await host.EntriesAsync();
        var folder = Path.Combine(host.Folder, "archive");
        var plan = await PlanAsync(host, new ArchiveRequest(null, 21));

        // Between writing and verifying, a line changes on disk (a bad disk, or someone at the folder).
        var tamper = new SyncProgress(p =>
        {
            if (p.Phase == ArchiveProgress.Verifying && p.Done == 0)
            {
                var path = Path.Combine(folder, "entries.jsonl");
                File.WriteAllText(path, File.ReadAllText(path).Replace("\"user-3\"", "\"user-93\"", StringComparison.Ordinal));
            }
        });
        var failure = await Should.ThrowAsync<ArchiveVerificationException>(() => host.RunAsync<AuditLedgerArchiver, ArchiveResult>((a, ct) => a.ArchiveAsync(plan, folder, tamper, ct)));

        failure.Failure.Kind.ShouldBe(TamperingKind.Modified);
        failure.Failure.Sequence.ShouldBe(3);
        failure.Message.ShouldContain("Nothing was removed");
        (await host.EntriesAsync()).Count.ShouldBe(before.Count);
        (await host.RunAsync<AuditLedgerArchiver, IReadOnlyList<ArchiveRecordView>>((a, ct) => a.ListAsync(ct))).ShouldBeEmpty();
        (await host.VerifyAsync()).Passed.ShouldBeTrue();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_failure_in_the_middle_of_removing_leaves_the_database_unchanged(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var before = await host.EntriesAsync();
        var plan = await PlanAsync(host, new ArchiveRequest(null, 21));
        var crash = new SyncProgress(p =>
        {
            if (p.Phase == ArchiveProgress.Removing)
            {
                throw new IOException("The process died here.");
            }
        });

        await Should.ThrowAsync<IOException>(() => host.RunAsync<AuditLedgerArchiver, ArchiveResult>((a, ct) => a.ArchiveAsync(plan, Path.Combine(host.Folder, "archive"), crash, ct)));

        var after = await host.EntriesAsync();
        after.Select(e => (e.Id, e.Sequence)).ShouldBe(before.Select(e => (e.Id, e.Sequence)));
        after.ShouldNotContain(e => e.Action == AuditActions.LedgerArchived);
        (await host.RunAsync<AuditLedgerArchiver, IReadOnlyList<ArchiveRecordView>>((a, ct) => a.ListAsync(ct))).ShouldBeEmpty();
        (await host.VerifyAsync()).Passed.ShouldBeTrue();
    }

    [Theory, AllDatabaseProviders]
    public async Task After_archiving_a_removed_archive_record_or_a_changed_archived_leaf_is_still_tampering(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        await ArchiveAsync(host, 21, Path.Combine(host.Folder, "archive"));
        await host.Sequencer.IntegrateAllAsync(Ct);

        await host.TamperAsync("UPDATE audit_tree_nodes SET hash = {0} WHERE position = 5", new byte[32]);
        var leaf = await host.VerifyAsync();
        await host.TamperAsync("DELETE FROM audit_archives");
        var record = await host.VerifyAsync();

        leaf.Failure!.Kind.ShouldBe(TamperingKind.Modified);
        record.Failure!.Kind.ShouldBe(TamperingKind.Deleted);
        record.Failure.Sequence.ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task The_commands_archive_verify_an_archive_alone_and_with_the_database_and_refuse_a_young_segment(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var folder = Path.Combine(host.Folder, "archive");
        await ArchiveAsync(host, 21, folder);

        // The command runs on the machine's clock, when these entries are months old: refused.
        var young = await host.RunCommandAsync("audit", "archive", "--before", "2026-06-01", "--out", Path.Combine(host.Folder, "young"));
        var dryRun = await host.RunCommandAsync("audit", "archive", "--through", "21", "--dry-run");
        var alone = await CustosCommand.RunAsync("audit", "verify", "--from", folder);
        var whole = await host.RunCommandAsync("audit", "verify", "--with-archive", folder);
        var live = await host.RunCommandAsync("audit", "verify");

        young.ShouldExitWith(CommandRun.Failure).Stderr.ShouldContain("45 CFR 164.316(b)(2)(i)");
        Directory.Exists(Path.Combine(host.Folder, "young")).ShouldBeFalse();
        dryRun.ShouldExitWith(CommandRun.Failure).Stdout.ShouldContain("Dry run");
        alone.ShouldExitWith(CommandRun.Success).Stdout.ShouldContain("the archive of entries 0 to 20");
        whole.ShouldExitWith(CommandRun.Success).Stdout.ShouldContain("Everything checks");
        live.ShouldExitWith(CommandRun.Success).Stdout.ShouldContain("21 archived entries");
    }

    private static async Task<LedgerHost> ArrangeAsync(DatabaseProvider provider)
    {
        var host = await LedgerHost.CreateAsync(provider);
        await LedgerTestData.TwoCheckpointsAsync(host, 12, 9);
        host.FakeTime!.SetUtcNow(TestDatabase.StartTime.AddYears(6).AddDays(1));
        await LedgerTestData.AppendAsync(host, 5, "auth.sign-out");
        await host.Sequencer.IntegrateAllAsync(Ct);
        return host;
    }

    private static Task<ArchivePlan> PlanAsync(LedgerHost host, ArchiveRequest request) =>
        host.RunAsync<AuditLedgerArchiver, ArchivePlan>((a, ct) => a.PlanAsync(request, ct));

    private static async Task<ArchiveResult> ArchiveAsync(LedgerHost host, long through, string folder)
    {
        var plan = await PlanAsync(host, new ArchiveRequest(null, through));
        plan.Allowed.ShouldBeTrue(plan.Refusal);
        return await host.RunAsync<AuditLedgerArchiver, ArchiveResult>((a, ct) => a.ArchiveAsync(plan, folder, null, ct));
    }

    private static async Task<VerificationReport> VerifyFolderAsync(string folder, string? key = null)
    {
        var source = new ExportLedgerSource(folder);
        var report = await AuditVerifier.VerifyAsync(source, source.LoadKeyRing(key), source.LoadWitness(), null, Ct);
        return report.Passed && await source.CheckManifestAsync(Ct) is { } failure ? report with { Failure = failure } : report;
    }


    private sealed class SyncProgress(Action<ArchiveProgress> report) : IProgress<ArchiveProgress>
    {
        public void Report(ArchiveProgress value) => report(value);
    }
}
