using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Custos.Tests.Platform.Audit;

/// <summary>
/// Two hosts (as two web processes) append at once, each running its sequencer; one sequencer stops midway (a
/// crash) and the other takes over. The sequence has no gaps or duplicates, every checkpoint is consistent with
/// every earlier one, and every proof matches its checkpoint.
/// </summary>
public sealed class SeveralWritersTests
{
    private const int WritersPerHost = 3;
    private const int EntriesPerWriter = 80;

    [Theory, AllDatabaseProviders]
    public Task Two_hosts_appending_at_once_keep_one_gap_free_consistent_ledger_even_when_one_sequencer_dies(DatabaseProvider provider) =>
        TwoHostsAsync(provider, integrateOnAppend: false);

    [Theory, AllDatabaseProviders]
    public Task Two_hosts_whose_group_commits_integrate_keep_one_gap_free_consistent_ledger_even_when_one_sequencer_dies(DatabaseProvider provider) =>
        TwoHostsAsync(provider, integrateOnAppend: true);

    private static async Task TwoHostsAsync(DatabaseProvider provider, bool integrateOnAppend)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await LedgerHost.CreateAsync(provider, realTime: true, settings: new Dictionary<string, string?> { ["Audit:IntegrateOnAppend"] = integrateOnAppend ? "true" : "false" });
        await using var second = first.OpenHost("node-b");
        using var firstSequencer = Start(first);
        using var secondSequencer = Start(second);

        var writers = new[] { first, second }
            .SelectMany(host => Enumerable.Range(0, WritersPerHost).Select(w => WriteAsync(host, w, checkpointMidway: host == second && w == 0)))
            .ToList();
        await Task.Delay(300, ct);
        await firstSequencer.StopAsync(ct);
        await Task.WhenAll(writers);

        const int total = 2 * WritersPerHost * EntriesPerWriter;
        for (var i = 0; i < 300 && (await second.RunAsync<AuditLedgerReader, LedgerStatus>((r, c) => r.StatusAsync(c))).IntegratedSize < total; i++)
        {
            await Task.Delay(100, ct);
        }

        await secondSequencer.StopAsync(ct);
        await second.Sequencer.IntegrateAllAsync(ct);
        await second.Sequencer.IntegrateAsync(forceCheckpoint: true, ct);

        var entries = await second.EntriesAsync();
        entries.Count.ShouldBe(total);
        entries.Select(e => e.Sequence!.Value).Order().ShouldBe(Enumerable.Range(0, total).Select(i => (long)i));
        entries.Select(e => e.Node).Distinct().Order().ShouldBe(["node-a", "node-b"]);

        var checkpoints = (await second.RunAsync<AuditLedgerReader, IReadOnlyList<CheckpointView>>((r, c) => r.CheckpointsAsync(500, c))).OrderBy(c => c.TreeSize).ToList();
        checkpoints.Select(c => c.TreeSize).Distinct().Count().ShouldBeGreaterThan(1); // at least the one signed midway and the last
        for (var i = 1; i < checkpoints.Count; i++)
        {
            var (m, n) = (checkpoints[i - 1].TreeSize, checkpoints[i].TreeSize);
            if (m == n)
            {
                checkpoints[i].RootHash.ShouldBe(checkpoints[i - 1].RootHash);
                continue;
            }

            var proof = await second.RunAsync<AuditLedgerReader, ConsistencyProofView>((r, c) => r.ConsistencyProofAsync(m, n, c));
            MerkleVerifier.VerifyConsistency(m, n, Convert.FromBase64String(checkpoints[i - 1].RootHash), Convert.FromBase64String(checkpoints[i].RootHash), proof.Proof.Select(Convert.FromBase64String).ToList())
                .ShouldBeTrue($"checkpoint {m} -> {n}");
        }

        foreach (var checkpoint in checkpoints.Where((_, i) => i % 3 == 0))
        {
            for (long seq = 0; seq < checkpoint.TreeSize; seq += 97)
            {
                var inclusion = await second.RunAsync<AuditLedgerReader, InclusionProofView>((r, c) => r.InclusionProofAsync(seq, checkpoint.TreeSize, c));
                MerkleVerifier.VerifyInclusion(seq, checkpoint.TreeSize, Convert.FromBase64String(inclusion.LeafHash), inclusion.Proof.Select(Convert.FromBase64String).ToList(), Convert.FromBase64String(checkpoint.RootHash))
                    .ShouldBeTrue($"entry {seq} in {checkpoint.TreeSize}");
            }
        }

        var report = await second.VerifyAsync();
        report.Passed.ShouldBeTrue(report.Failure?.Message);
    }

    private static AuditSequencerService Start(LedgerHost host)
    {
        var service = new AuditSequencerService(host.Sequencer, host.Services.GetRequiredService<AuditOptions>(), TimeProvider.System, NullLogger<AuditSequencerService>.Instance);
        service.StartAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return service;
    }

    private static async Task WriteAsync(LedgerHost host, int writer, bool checkpointMidway)
    {
        await Task.Yield();
        for (var i = 0; i < EntriesPerWriter; i++)
        {
            await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = $"w{writer}-{i}" }, ct));
            if (checkpointMidway && i == EntriesPerWriter / 2)
            {
                // A checkpoint on demand while every writer is still appending: later ones must be consistent with it.
                await host.Sequencer.IntegrateAsync(forceCheckpoint: true, TestContext.Current.CancellationToken);
            }
        }
    }
}
