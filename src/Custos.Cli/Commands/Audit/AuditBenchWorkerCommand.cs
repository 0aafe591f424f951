using System.CommandLine;
using System.Diagnostics;
using Custos.Cli.Commands.Database;
using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Custos.Cli.Commands.Audit;

/// <summary>
/// `custos audit bench-worker` (hidden): one process of the two-process append load that `custos audit bench` and the
/// multi-process test start. It appends invented entries to the configured database for a while with many concurrent
/// callers, runs a sequencer as a web host does, and prints what it did as one JSON line. Because it writes entries
/// that can never be removed, it refuses to run unless <c>--confirm-scratch</c> names the configured database.
/// </summary>
internal static class AuditBenchWorkerCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var confirm = new Option<string>("--confirm-scratch") { Description = "The configured database's name (PostgreSQL) or file name (SQLite): confirms it is a scratch database.", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "How long to append.", DefaultValueFactory = _ => 5 };
        var callers = new Option<int>("--callers") { Description = "Concurrent callers, each appending and awaiting its commit.", DefaultValueFactory = _ => 32 };
        var batch = new Option<int>("--batch") { Description = "Entries per append call.", DefaultValueFactory = _ => 1 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of appending before measuring (the JIT compiles the hot path meanwhile).", DefaultValueFactory = _ => 2 };
        var direct = new Option<bool>("--one-transaction-per-call") { Description = "The path before group commit (the baseline): each call its own transaction." };
        var command = new Command("bench-worker", "One process of the two-process append load of `audit bench` (writes invented entries; scratch databases only).")
        {
            confirm,
            seconds,
            callers,
            batch,
            warmup,
            direct,
        };
        command.Hidden = true;
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            var settings = services.GetRequiredService<DatabaseSettings>();
            var name = settings.Provider == DatabaseProvider.Postgres
                ? new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database
                : Path.GetFileName(settings.SqliteFilePath);
            if (string.IsNullOrEmpty(name) || !string.Equals(name, parseResult.GetValue(confirm), StringComparison.Ordinal))
            {
                throw new Hosting.CommandFailedException($"bench-worker writes invented entries that can never be removed. It runs only when --confirm-scratch names the configured database ({settings.DescribeTarget()}).");
            }

            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var report = await RunAsync(services, TimeSpan.FromSeconds(parseResult.GetValue(warmup)), TimeSpan.FromSeconds(parseResult.GetValue(seconds)), parseResult.GetValue(callers), parseResult.GetValue(batch), parseResult.GetValue(direct), cancellationToken);
            output.Write(report, r => output.Line($"{r.Node}: {r.Written:N0} entries in {r.Seconds:0.0} s, {r.Commits:N0} group commits, led {r.Rounds.Count} integration rounds."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task<WorkerReport> RunAsync(IServiceProvider services, TimeSpan warmup, TimeSpan duration, int callers, int batch, bool direct, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<AuditOptions>();
        var sequencer = services.GetRequiredService<AuditSequencer>();

        var rounds = new List<WorkerRound>();
        var checkpointLags = new List<double>();
        var clock = new Stopwatch();

        // Every round this process led and committed: background rounds and rounds in a group commit's transaction.
        sequencer.Observe(result =>
        {
            var now = TimeProvider.System.GetUtcNow();
            var measured = clock.IsRunning && clock.Elapsed >= warmup;
            lock (rounds)
            {
                if (result.Integrated > 0)
                {
                    var lag = result.OldestRecordedAt is { } oldest ? (now - oldest).TotalMilliseconds : 0;
                    rounds.Add(new WorkerRound(result.TreeSize - result.Integrated, result.TreeSize, lag, measured) { AtAppend = result.AtAppend });
                }

                if (measured && result.FirstUncheckpointedAt is { } first)
                {
                    checkpointLags.Add((now - first).TotalMilliseconds);
                }
            }
        });

        // A web host's sequencer has long been compiled and warm; this process's is not. One round before the
        // load (it leads unless the other process holds the lock at that moment) keeps the JIT out of the figures.
        await sequencer.IntegrateAsync(forceCheckpoint: false, cancellationToken);
        using var stopSequencer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sequencing = AuditSequencerService.RunAsync(sequencer, options, TimeProvider.System, services.GetRequiredService<ILogger<AuditSequencer>>(), onRound: null, stopSequencer.Token);

        clock.Start();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => AppendAsync(services, c, batch, direct, clock, warmup, warmup + duration, cancellationToken), cancellationToken)));
        var elapsed = clock.Elapsed - warmup;

        // Keep sequencing until nothing written is waiting (the other process may still be appending: its own
        // sequencer drains what it writes after this one stops).
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < TimeSpan.FromSeconds(60) && await WaitingAsync(services, cancellationToken) > 0)
        {
            await Task.Delay(50, cancellationToken);
        }

        await stopSequencer.CancelAsync();
        await sequencing;
        var (commits, entries) = services.GetRequiredService<AuditGroupCommit>().Counters;
        return new WorkerReport(options.NodeName, counts.Sum(), elapsed.TotalSeconds, commits, entries, [.. rounds]) { CheckpointLagsMs = [.. checkpointLags] };
    }

    private static async Task<long> WaitingAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AuditLedgerReader>().StatusAsync(cancellationToken)).WaitingCount;
    }

    /// <summary>Appends until <paramref name="end"/>; returns the entries whose commit completed after <paramref name="measureFrom"/>.</summary>
    private static async Task<int> AppendAsync(IServiceProvider services, int caller, int batch, bool direct, Stopwatch clock, TimeSpan measureFrom, TimeSpan end, CancellationToken cancellationToken)
    {
        var written = 0;
        var measured = 0;
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        while (clock.Elapsed < end)
        {
            await using var scope = scopes.CreateAsyncScope();
            var factory = scope.ServiceProvider.GetRequiredService<AuditEntryFactory>();
            var items = new List<AuditEntryContent>(batch);
            for (var i = 0; i < batch; i++)
            {
                items.Add(factory.Create(AuditActions.RecordRead, AuditOutcome.Succeeded, "IncidentReport", $"c{caller}-{written + i}"));
            }

            if (direct)
            {
                // The path before group commit: a context and a transaction per call.
                await AuditAppender.AppendWithoutGroupCommitAsync(scope.ServiceProvider, items, cancellationToken);
            }
            else
            {
                await scope.ServiceProvider.GetRequiredService<AuditAppender>().AppendAsync(items, cancellationToken);
            }

            written += batch;
            if (clock.Elapsed >= measureFrom)
            {
                measured += batch;
            }
        }

        return measured;
    }
}

/// <summary>
/// One integration round a worker's sequencer led (in the background or in a group commit's transaction,
/// <c>AtAppend</c>): the tree grew from <c>From</c> to <c>To</c>.
/// </summary>
internal sealed record WorkerRound(long From, long To, double LagMs, bool Measured)
{
    public bool AtAppend { get; init; }
}

/// <summary>What a worker did; <c>CheckpointLagsMs</c>: for each checkpoint it signed while measuring, the wait of the first entry it newly covered.</summary>
internal sealed record WorkerReport(string Node, long Written, double Seconds, long Commits, long GroupedEntries, IReadOnlyList<WorkerRound> Rounds)
{
    public IReadOnlyList<double> CheckpointLagsMs { get; init; } = [];
}
