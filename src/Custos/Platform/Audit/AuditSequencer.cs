using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custos.Platform.Audit;

/// <summary>What one integration round did.</summary>
public sealed record IntegrationResult(bool Led, int Integrated, long TreeSize, SignedCheckpoint? Checkpoint)
{
    public IReadOnlyList<AuditAlertView> Alerts { get; init; } = [];

    /// <summary>When the oldest entry this round integrated was recorded: its wait is the integration lag.</summary>
    public DateTimeOffset? OldestRecordedAt { get; init; }

    /// <summary>
    /// With a checkpoint: when the first entry it covers that no earlier checkpoint covered was recorded (its wait is
    /// the checkpoint lag).
    /// </summary>
    public DateTimeOffset? FirstUncheckpointedAt { get; init; }

    /// <summary>Whether the round ran in a group commit's transaction (integration at append) rather than a background round.</summary>
    public bool AtAppend { get; init; }
}

/// <summary>
/// Gives appended entries their gap-free sequence numbers, adds their leaves to the RFC 9162 tree (storing every
/// completed perfect subtree, so proofs never recompute leaves) and signs checkpoints. Every process runs one, but
/// only one integrates at a time: each round holds a database lock for its transaction (a PostgreSQL advisory lock;
/// SQLite's single writer). A process that dies releases it with its connection and the next round of another
/// process takes over; entries written but not yet integrated simply wait in the table, so a crash loses nothing.
/// </summary>
public sealed partial class AuditSequencer(
    IServiceScopeFactory scopes,
    CheckpointSigningKey signingKey,
    CheckpointWitness witness,
    AuditOptions options,
    DatabaseSettings database,
    TimeProvider time,
    IEnumerable<IAuditAlertNotifier> notifiers,
    ILogger<AuditSequencer> logger) : IDisposable
{
    /// <summary>The advisory lock key: "custos-audit" in ASCII, as a 64-bit number.</summary>
    private const long AdvisoryLockKey = 0x637573746F7361;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock observersLock = new();
    private Action<IntegrationResult>[] observers = [];
    private Task deliveries = Task.CompletedTask;

    /// <summary>
    /// Calls <paramref name="observer"/> after every round this process led and committed, background or at append
    /// (the benchmark and the multi-process test collect them to check that the rounds tile the sequence).
    /// </summary>
    public void Observe(Action<IntegrationResult> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (observersLock)
        {
            observers = [.. observers, observer];
        }
    }

    /// <summary>
    /// Appends a group commit's entries in one transaction (<see cref="AuditGroupCommit"/>). With
    /// <see cref="AuditOptions.IntegrateOnAppend"/> the transaction first takes the sequencer's database lock (waiting
    /// for it: the holder's round is short), integrates whatever other transactions left waiting, then inserts these
    /// entries already numbered, hashed in memory: no second read and no update of their rows. The lock, the numbering
    /// and the checkpoint are exactly a background round's, so the sequence stays gap-free and one process integrates
    /// at a time; if the transaction fails, the entries and their integration roll back together.
    /// </summary>
    internal async Task<IntegrationResult?> AppendAsync(IReadOnlyList<AuditEntry> rows, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(
            db,
            async (_, context, ct) =>
            {
                context.ChangeTracker.Clear();
                foreach (var row in rows)
                {
                    row.AssignSequence(null);
                }

                await using var transaction = await context.Database.BeginTransactionAsync(ct);
                IntegrationResult? round = null;
                if (options.IntegrateOnAppend)
                {
                    await LeadAsync(context, ct);

                    // With synchronous=NORMAL a commit is not synced, so this transaction signs no checkpoint: the
                    // background round does, with FULL, before anything reaches the witness.
                    var mayCheckpoint = !context.Database.IsSqlite() || database.SqliteSynchronous == SqliteSynchronous.Full;
                    round = await IntegrateLockedAsync(context, rows, forceCheckpoint: false, mayCheckpoint, ct) with { AtAppend = true };
                }
                else
                {
                    await AuditBulkInsert.InsertInTransactionAsync(context, rows, withSequence: false, ct);
                }

                await transaction.CommitAsync(ct);
                return round;
            },
            verifySucceeded: null,
            cancellationToken);
        if (result is not null)
        {
            Observed(result);

            // The witness (a file, and maybe a webhook) and alert delivery run after the callers are told, in order,
            // off the writer: a slow webhook must not hold up appends. A background round waits for them.
            lock (observersLock)
            {
                deliveries = deliveries.ContinueWith(_ => DeliverAsync(result, CancellationToken.None), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            }
        }

        return result;
    }

    /// <summary>Waits until the witness lines and alerts of earlier rounds at append are delivered.</summary>
    internal Task DeliveredAsync()
    {
        lock (observersLock)
        {
            return deliveries;
        }
    }

    /// <summary>
    /// Integrates what is waiting (up to the batch size) and signs a checkpoint when the tree has grown since the last
    /// one and the interval has passed, or at once with <paramref name="forceCheckpoint"/>.
    /// </summary>
    public async Task<IntegrationResult> IntegrateAsync(bool forceCheckpoint, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var strategy = db.Database.CreateExecutionStrategy();
            var result = await strategy.ExecuteAsync(
                (db, forceCheckpoint),
                async (_, state, ct) =>
                {
                    state.db.ChangeTracker.Clear();
                    return await IntegrateOnceAsync(state.db, state.forceCheckpoint, ct);
                },
                verifySucceeded: null,
                cancellationToken);
            Observed(result);
            await DeliveredAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await DeliverAsync(result, cancellationToken);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private void Observed(IntegrationResult result)
    {
        if (result.Led)
        {
            foreach (var observer in observers)
            {
                observer(result);
            }
        }
    }

    /// <summary>After a round's commit: the checkpoint to the witness, the alerts to their notifiers.</summary>
    private async Task DeliverAsync(IntegrationResult result, CancellationToken cancellationToken)
    {
        if (result.Checkpoint is { } checkpoint)
        {
            try
            {
                await witness.AppendAsync(checkpoint, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException)
            {
                // The checkpoint is committed; verification reports what the witness lacks, if it matters.
                LogWitnessFailed(logger, checkpoint.Note.TreeSize, ex);
            }
        }

        await NotifyAsync(notifiers, result.Alerts, logger, cancellationToken);
    }

    /// <summary>Integrates until nothing is waiting, then makes sure a checkpoint covers the whole tree.</summary>
    public async Task<IntegrationResult> IntegrateAllAsync(CancellationToken cancellationToken)
    {
        IntegrationResult result;
        SignedCheckpoint? signed = null;
        var total = 0;
        do
        {
            result = await IntegrateAsync(forceCheckpoint: false, cancellationToken);
            total += result.Integrated;
            signed = result.Checkpoint ?? signed;
        }
        while (result.Integrated > 0);

        result = await IntegrateAsync(forceCheckpoint: true, cancellationToken);
        return result with { Integrated = total, Checkpoint = result.Checkpoint ?? signed };
    }

    /// <summary>Delivers alerts outside the database; a delivery failure is logged, the alert stays in the in-app list.</summary>
    internal static async Task NotifyAsync(IEnumerable<IAuditAlertNotifier> notifiers, IReadOnlyList<AuditAlertView> alerts, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var alert in alerts)
        {
            foreach (var notifier in notifiers)
            {
                try
                {
                    await notifier.NotifyAsync(alert, cancellationToken);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException)
                {
                    LogNotifyFailed(logger, alert.Id, ex);
                }
            }
        }
    }

    internal static async Task<bool> TryLeadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return await db.Database
                .SqlQueryRaw<bool>($"SELECT pg_try_advisory_xact_lock({AdvisoryLockKey}) AS \"Value\"")
                .SingleAsync(cancellationToken);
        }

        // SQLite: a write statement first takes the database's single write lock for the whole transaction, so the
        // tree state read next cannot change under this round.
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_ledger_info SET origin = origin", cancellationToken);
        return true;
    }

    /// <summary>Takes the sequencer's lock for the current transaction, waiting for it if another round holds it.</summary>
    internal static async Task LeadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            return;
        }

        await TryLeadAsync(db, cancellationToken);
    }

    private static async Task WriteSequencesAsync(AppDbContext db, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            // One statement whatever the batch size: the ids and sequences as two array parameters.
            var ids = entries.Select(e => e.Id).ToArray();
            var sequences = entries.Select(e => e.Sequence!.Value).ToArray();
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE audit_entries AS a SET sequence = v.seq FROM unnest({0}, {1}) AS v(id, seq) WHERE a.id = v.id AND a.sequence IS NULL",
                [ids, sequences],
                cancellationToken);
            return;
        }

        await AuditBulkInsert.ExecutePerRowAsync(
            db,
            "UPDATE audit_entries SET sequence = @p1 WHERE id = @p0 AND sequence IS NULL",
            2,
            entries,
            e => [e.Id, e.Sequence!.Value],
            cancellationToken);
    }

    private static async Task WriteNodesAsync(AppDbContext db, List<MerkleNode> nodes, CancellationToken cancellationToken)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            var positions = nodes.Select(n => n.Position).ToArray();
            var hashes = nodes.Select(n => n.Hash).ToArray();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO audit_tree_nodes (position, hash) SELECT * FROM unnest({0}, {1})",
                [positions, hashes],
                cancellationToken);
            return;
        }

        await AuditBulkInsert.ExecutePerRowAsync(db, "INSERT INTO audit_tree_nodes (position, hash) VALUES (@p0, @p1)", 2, nodes, n => [n.Position, n.Hash], cancellationToken);
    }

    internal static async Task<MerkleFrontier> LoadFrontierAsync(AppDbContext db, long size, CancellationToken cancellationToken)
    {
        var positions = MerkleTree.FrontierOf(size).Select(n => MerkleNode.ToPosition(n.Level, n.Index)).ToList();
        var stored = await db.Set<AuditTreeNode>().AsNoTracking().Where(n => positions.Contains(n.Position)).ToListAsync(cancellationToken);
        return new MerkleFrontier(size, stored.Select(n =>
        {
            var (level, index) = MerkleNode.FromPosition(n.Position);
            return new MerkleNode(level, index, n.Hash);
        }));
    }

    internal static async Task<long> IntegratedSizeAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var max = await db.Set<AuditEntry>().Where(e => e.Sequence != null).MaxAsync(e => e.Sequence, cancellationToken);
        return max is null ? 0 : max.Value + 1;
    }

    internal static async Task<AuditLedgerInfo> EnsureLedgerInfoAsync(AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var info = await db.Set<AuditLedgerInfo>().SingleOrDefaultAsync(cancellationToken);
        if (info is null)
        {
            var now = time.GetUtcNow();
            info = AuditLedgerInfo.Create($"custos/audit/{Guid.CreateVersion7(now):N}", now);
            db.Add(info);
            await db.SaveChangesAsync(cancellationToken);
        }

        return info;
    }

    private async Task<IntegrationResult> IntegrateOnceAsync(AppDbContext db, bool forceCheckpoint, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite() || database.SqliteSynchronous == SqliteSynchronous.Full)
        {
            return await IntegrateInTransactionAsync(db, forceCheckpoint, cancellationToken);
        }

        // SQLite connections opted into synchronous=NORMAL (SqliteConnectionPragmas): commits are not synced one by
        // one. The sequencer's commit is, with FULL, which syncs the WAL and with it every transaction committed
        // before: whatever is integrated, checkpointed and then witnessed outside the database survives a power loss.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL", cancellationToken);
            return await IntegrateInTransactionAsync(db, forceCheckpoint, cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IntegrationResult> IntegrateInTransactionAsync(AppDbContext db, bool forceCheckpoint, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await TryLeadAsync(db, cancellationToken))
        {
            return new IntegrationResult(false, 0, 0, null);
        }

        var result = await IntegrateLockedAsync(db, [], forceCheckpoint, mayCheckpoint: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// One round, in a transaction that holds the sequencer's lock: numbers the waiting entries (oldest first, up to
    /// the batch size) and then <paramref name="fresh"/> (not yet in the database: inserted here with their numbers),
    /// stores the completed subtrees, judges alerts and signs a checkpoint when due. The caller commits.
    /// </summary>
    private async Task<IntegrationResult> IntegrateLockedAsync(AppDbContext db, IReadOnlyList<AuditEntry> fresh, bool forceCheckpoint, bool mayCheckpoint, CancellationToken cancellationToken)
    {
        var info = await EnsureLedgerInfoAsync(db, time, cancellationToken);
        var size = await IntegratedSizeAsync(db, cancellationToken);
        var frontier = await LoadFrontierAsync(db, size, cancellationToken);
        var waiting = await db.Set<AuditEntry>()
            .AsNoTracking()
            .Where(e => e.Sequence == null)
            .OrderBy(e => e.Id)
            .Take(options.IntegrationBatchSize)
            .ToListAsync(cancellationToken);

        var integrated = new List<AuditEntry>(waiting.Count + fresh.Count);
        integrated.AddRange(waiting);
        integrated.AddRange(fresh);
        var nodes = new List<MerkleNode>(integrated.Count * 2);
        foreach (var entry in integrated)
        {
            var sequence = frontier.Size;
            entry.AssignSequence(sequence);
            frontier.Append(entry.ToContent().LeafHash(sequence), nodes.Add);
        }

        // PostgreSQL: one array statement each; SQLite: one prepared statement rebound per row (ADR 0016). Waiting
        // rows get their number by an update; fresh rows are inserted with it.
        await WriteSequencesAsync(db, waiting, cancellationToken);
        await AuditBulkInsert.InsertInTransactionAsync(db, fresh, withSequence: true, cancellationToken);
        await WriteNodesAsync(db, nodes, cancellationToken);

        // Alerts are judged here, once per entry, by the one process integrating it.
        var alerts = new List<AuditAlert>();
        if (integrated.Count > 0)
        {
            alerts = await AuditAlertRules.EvaluateAsync(db, integrated, options.Alerts, time.GetUtcNow(), cancellationToken);
            db.AddRange(alerts);
        }

        SignedCheckpoint? signed = null;
        DateTimeOffset? firstUncheckpointed = null;
        var latest = await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var now = AuditEntryContent.ToLedgerTime(time.GetUtcNow());
        var grown = latest is null || frontier.Size > latest.TreeSize;
        var due = latest is null || now - latest.SignedAt >= options.CheckpointInterval;
        if (mayCheckpoint && frontier.Size > 0 && grown && (forceCheckpoint || due))
        {
            signingKey.EnsureNotReplaced(checkpointsExist: latest is not null);
            signed = signingKey.Sign(new CheckpointNote(info.Origin, frontier.Size, frontier.Root(), now));
            db.Add(AuditCheckpoint.From(signed));
            var first = latest?.TreeSize ?? 0;
            firstUncheckpointed = first >= size && first - size < integrated.Count
                ? integrated[(int)(first - size)].RecordedAt
                : await db.Set<AuditEntry>().Where(e => e.Sequence == first).Select(e => (DateTimeOffset?)e.RecordedAt).FirstOrDefaultAsync(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (integrated.Count > 0)
        {
            LogIntegrated(logger, integrated.Count, frontier.Size);
        }

        return new IntegrationResult(true, integrated.Count, frontier.Size, signed)
        {
            Alerts = alerts.Select(a => a.ToView()).ToList(),
            OldestRecordedAt = integrated.Count == 0 ? null : integrated.Min(e => e.RecordedAt),
            FirstUncheckpointedAt = firstUncheckpointed,
        };
    }

    public void Dispose()
    {
        // What rounds at append still have to deliver to the witness is delivered before the host stops.
        DeliveredAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The checkpoint of size {Size} could not be appended to the witness.")]
    private static partial void LogWitnessFailed(ILogger logger, long size, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} could not be delivered; it remains in the in-app list.")]
    private static partial void LogNotifyFailed(ILogger logger, long alertId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Integrated {Count} audit entries; the ledger holds {Size}.")]
    private static partial void LogIntegrated(ILogger logger, int count, long size);
}

/// <summary>Runs the sequencer in the background of a host: shortly after entries arrive they are in the tree.</summary>
public sealed partial class AuditSequencerService(AuditSequencer sequencer, AuditOptions options, TimeProvider time, ILogger<AuditSequencerService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(sequencer, options, time, logger, onRound: null, stoppingToken);

    /// <summary>
    /// The rounds of a host's sequencer until <paramref name="stoppingToken"/>: at once again while a full batch was
    /// integrated (a backlog), otherwise after <see cref="AuditOptions.IntegrationInterval"/>.
    /// <paramref name="onRound"/> sees each completed round (the benchmark and the multi-process test use it).
    /// </summary>
    public static async Task RunAsync(AuditSequencer sequencer, AuditOptions options, TimeProvider time, ILogger logger, Action<IntegrationResult>? onRound, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(sequencer);
        ArgumentNullException.ThrowIfNull(options);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                var result = await sequencer.IntegrateAsync(forceCheckpoint: false, stoppingToken);
                onRound?.Invoke(result);
                full = result.Integrated >= options.IntegrationBatchSize;
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or IOException or HttpRequestException or System.Data.Common.DbException)
            {
                // The next round starts from the database's state again; nothing written is lost. Logged once per
                // run of failures (a database not yet migrated would otherwise log five times a second).
                if (!failing)
                {
                    LogRoundFailed(logger, ex);
                }

                failing = true;
            }

            if (!full)
            {
                try
                {
                    await Task.Delay(options.IntegrationInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An audit integration round failed; it will be retried.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
