using System.Globalization;
using System.Text;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Audit;

/// <summary>What to archive: entries recorded before a date, or up to (not including) a checkpoint's size.</summary>
public sealed record ArchiveRequest(DateOnly? Before, long? Through);

/// <summary>The segment an archive run would take, and why it may not, if it may not.</summary>
public sealed record ArchivePlan(long From, long Through, DateTimeOffset? OldestRecordedAt, DateTimeOffset? NewestRecordedAt, string? Refusal)
{
    public long Entries => Math.Max(0, Through - From);

    public bool Allowed => Refusal is null;
}

/// <summary>A step of a long archive run: writing the files, verifying them, removing the entries.</summary>
public sealed record ArchiveProgress(string Phase, long Done, long Total)
{
    public const string Writing = "writing";
    public const string Verifying = "verifying";
    public const string Removing = "removing";
}

public sealed record ArchiveResult(ArchiveRecordView Record, string Directory);

/// <summary>The archive run was refused before anything was written or removed (the message says why).</summary>
public sealed class ArchiveRefusedException(string message) : InvalidOperationException(message);

/// <summary>The written archive did not verify against the database: nothing was removed.</summary>
public sealed class ArchiveVerificationException(VerificationFailure failure)
    : IOException($"The written archive does not verify ({failure.Kind} at sequence number {failure.Sequence}): {failure.Message} Nothing was removed from the database.")
{
    public VerificationFailure Failure { get; } = failure;
}

/// <summary>
/// Moves a segment of the ledger that is older than six years (45 CFR 164.316(b)(2)(i), <see cref="AuditRetention"/>)
/// to a self-contained archive folder that <c>custos audit verify --from</c> checks alone, verifies the written
/// folder against the database, and only then removes the segment's entries, in one transaction with the archive
/// record and the ledger entry that records it. The tree's stored hashes and every checkpoint stay, so proofs of old
/// entries stay answerable and the live ledger still verifies (ADR 0006).
/// </summary>
public sealed class AuditLedgerArchiver(
    AppDbContext db,
    CheckpointSigningKey signingKey,
    CheckpointWitness witness,
    AuditEntryFactory entries,
    TimeProvider time)
{
    private const int RemovalChunk = 10_000;

    /// <summary>The segment that <paramref name="request"/> selects, with the refusal when it may not be archived now.</summary>
    public async Task<ArchivePlan> PlanAsync(ArchiveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Before is null == request.Through is null)
        {
            throw new ArgumentException("Give either a date (entries recorded before it) or a checkpoint size to archive through.", nameof(request));
        }

        var from = await ArchivedThroughAsync(db, cancellationToken);
        var size = await AuditSequencer.IntegratedSizeAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var sizes = await db.Set<AuditCheckpoint>().AsNoTracking().Where(c => c.TreeSize > from).Select(c => c.TreeSize).Distinct().ToListAsync(cancellationToken);
        long through;
        if (request.Through is { } n)
        {
            if (n <= from)
            {
                return Refuse(from, n, from == 0 ? $"--through must be a checkpoint size above 0." : $"Entries before {from} are already archived; --through must be a checkpoint size above {from}.");
            }

            if (!sizes.Contains(n))
            {
                return Refuse(from, n, $"No signed checkpoint has size {n}: an archive ends exactly at a checkpoint, so that it verifies alone. Checkpoint sizes after {from}: {Describe(sizes)}.");
            }

            through = n;
        }
        else
        {
            var before = new DateTimeOffset(request.Before!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (before > AuditRetention.Cutoff(now))
            {
                return Refuse(from, from, string.Create(
                    CultureInfo.InvariantCulture,
                    $"--before {request.Before:yyyy-MM-dd} is less than {AuditRetention.MinimumYears} years ago: the ledger keeps every entry in the database for {AuditRetention.MinimumYears} years from its creation " +
                    $"(45 CFR 164.316(b)(2)(i)). The latest date allowed today is {DateOnly.FromDateTime(AuditRetention.Cutoff(now).UtcDateTime):yyyy-MM-dd}."));
            }

            var firstTooNew = await db.Set<AuditEntry>().AsNoTracking()
                .Where(e => e.Sequence != null && e.Sequence >= from && e.RecordedAt >= before)
                .MinAsync(e => e.Sequence, cancellationToken) ?? size;
            through = sizes.Where(s => s <= firstTooNew).DefaultIfEmpty(from).Max();
            if (through <= from)
            {
                return Refuse(from, from, string.Create(CultureInfo.InvariantCulture, $"No signed checkpoint closes a segment of entries recorded before {request.Before:yyyy-MM-dd} (after the {from} entries already archived): nothing to archive."));
            }
        }

        if (through >= size)
        {
            return Refuse(from, through, $"Entry {through - 1} is the newest in the ledger: at least one later entry must stay in the database (it carries the tree forward). Archive once later entries are checkpointed.");
        }

        var range = db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence >= from && e.Sequence < through);
        var oldest = await range.MinAsync(e => (DateTimeOffset?)e.RecordedAt, cancellationToken);
        var newest = await range.MaxAsync(e => (DateTimeOffset?)e.RecordedAt, cancellationToken);
        var refusal = newest is { } last && !AuditRetention.MayRemove(last, now) ? AuditRetention.Refusal(from, through, last) : null;
        return new ArchivePlan(from, through, oldest, newest, refusal);
    }

    /// <summary>
    /// Writes the segment of <paramref name="plan"/> to <paramref name="directory"/>, verifies it against the database,
    /// then removes its entries and records the archive, all or nothing.
    /// </summary>
    public async Task<ArchiveResult> ArchiveAsync(ArchivePlan plan, string directory, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Refusal is { } refusal)
        {
            throw new ArchiveRefusedException(refusal);
        }

        // The rule is checked again here, whatever plan was handed in: nothing younger than six years leaves.
        var recheck = await PlanAsync(new ArchiveRequest(null, plan.Through), cancellationToken);
        if (recheck.Refusal is { } again)
        {
            throw new ArchiveRefusedException(again);
        }

        if (recheck.From != plan.From)
        {
            throw new ArchiveRefusedException($"Entries up to {recheck.From} have been archived since this run was planned; plan again.");
        }

        var target = Path.GetFullPath(directory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"The folder '{target}' is not empty; archive into a new or empty folder.");
        }

        Directory.CreateDirectory(target);
        var manifest = await WriteAsync(recheck, target, progress, cancellationToken);
        var manifestSha = ArchiveManifest.Sha256Of(Path.Combine(target, LedgerExportLayout.Manifest));

        progress?.Report(new ArchiveProgress(ArchiveProgress.Verifying, 0, recheck.Entries));
        var failure = await VerifyWrittenAsync(target, recheck, progress, cancellationToken);
        if (failure is not null)
        {
            throw new ArchiveVerificationException(failure);
        }

        var record = await RemoveAsync(recheck, manifest, manifestSha, target, progress, cancellationToken);
        return new ArchiveResult(record.ToView(), target);
    }

    /// <summary>The archive records, newest first.</summary>
    public async Task<IReadOnlyList<ArchiveRecordView>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<AuditArchiveRecord>().AsNoTracking().OrderByDescending(a => a.ThroughSequence).ToListAsync(cancellationToken);
        return rows.Select(a => a.ToView()).ToList();
    }

    internal static async Task<long> ArchivedThroughAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<AuditArchiveRecord>().MaxAsync(a => (long?)a.ThroughSequence, cancellationToken) ?? 0;

    /// <summary>
    /// The archive records against the ledger: they chain from 0, each ends at a stored checkpoint with the record's
    /// root, and each is recorded by its <see cref="AuditActions.LedgerArchived"/> entry. Null when all check.
    /// </summary>
    internal static async Task<VerificationFailure?> CheckRecordsAsync(AppDbContext db, IReadOnlyList<SignedCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        var records = await db.Set<AuditArchiveRecord>().AsNoTracking().OrderBy(a => a.FromSequence).ToListAsync(cancellationToken);
        if (records.Count == 0)
        {
            return null;
        }

        var recorded = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == AuditActions.LedgerArchived).ToListAsync(cancellationToken);
        long expected = 0;
        foreach (var record in records)
        {
            if (record.FromSequence != expected)
            {
                return new VerificationFailure(TamperingKind.Deleted, expected, $"Entries from {expected} to {record.FromSequence - 1} are gone from the database, and no archive record covers them.");
            }

            var checkpoint = checkpoints.FirstOrDefault(c => c.Note.TreeSize == record.ThroughSequence);
            if (checkpoint is null || !checkpoint.Note.RootHash.AsSpan().SequenceEqual(record.RootHash))
            {
                return new VerificationFailure(TamperingKind.Modified, record.FromSequence, $"The archive record of entries {record.FromSequence} to {record.ThroughSequence - 1} names a root that no signed checkpoint of size {record.ThroughSequence} holds.");
            }

            var id = SegmentId(record.FromSequence, record.ThroughSequence);
            if (!recorded.Any(e => e.ResourceId == id && e.Reason is { } reason && reason.Contains(record.ManifestSha256, StringComparison.Ordinal) && reason.Contains(Convert.ToBase64String(record.RootHash), StringComparison.Ordinal)))
            {
                return new VerificationFailure(TamperingKind.Deleted, record.FromSequence, $"Entries {record.FromSequence} to {record.ThroughSequence - 1} were removed, but no ledger entry records their archive (manifest SHA-256 {record.ManifestSha256}).");
            }

            expected = record.ThroughSequence;
        }

        return null;
    }

    internal static string SegmentId(long from, long through) => string.Create(CultureInfo.InvariantCulture, $"{from}-{through}");

    private static ArchivePlan Refuse(long from, long through, string message) => new(from, through, null, null, message);

    private static string Describe(List<long> sizes) =>
        sizes.Count == 0 ? "none" : string.Join(", ", sizes.Order().Take(10).Select(s => s.ToString(CultureInfo.InvariantCulture))) + (sizes.Count > 10 ? ", ..." : string.Empty);

    private async Task<ArchiveManifest> WriteAsync(ArchivePlan plan, string target, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        var info = await db.Set<AuditLedgerInfo>().AsNoTracking().SingleAsync(cancellationToken);
        var checkpoints = (await db.Set<AuditCheckpoint>().AsNoTracking()
                .Where(c => c.TreeSize >= plan.From && c.TreeSize <= plan.Through)
                .OrderBy(c => c.TreeSize)
                .ToListAsync(cancellationToken))
            .Select(c => c.ToSigned())
            .ToList();
        var end = checkpoints.Last(c => c.Note.TreeSize == plan.Through);

        // The compact range at the segment's start, from the stored tree: the previous archive's checkpoint signs its root.
        var positions = MerkleTree.FrontierOf(plan.From).Select(n => MerkleNode.ToPosition(n.Level, n.Index)).ToList();
        var edge = (await db.Set<AuditTreeNode>().AsNoTracking().Where(n => positions.Contains(n.Position)).ToListAsync(cancellationToken))
            .Select(n =>
            {
                var (level, index) = MerkleNode.FromPosition(n.Position);
                return new MerkleNode(level, index, n.Hash);
            })
            .OrderByDescending(n => n.Level)
            .ToList();
        var frontier = new MerkleFrontier(plan.From, edge);

        var source = new DatabaseLedgerSource(db);
        long written = 0;
        await using (var writer = new StreamWriter(Path.Combine(target, LedgerExportLayout.Entries), append: false, new UTF8Encoding(false)))
        {
            writer.NewLine = "\n";
            await foreach (var entry in source.RangeAsync(plan.From, plan.Through, cancellationToken))
            {
                await writer.WriteLineAsync(Encoding.UTF8.GetString(entry.Content.ToCanonicalJson(entry.Sequence)));
                written++;
                if ((written & 0x3FFF) == 0)
                {
                    progress?.Report(new ArchiveProgress(ArchiveProgress.Writing, written, plan.Entries));
                }
            }
        }

        progress?.Report(new ArchiveProgress(ArchiveProgress.Writing, written, plan.Entries));
        var leaves = new StringBuilder();
        const int page = 50_000;
        for (var at = plan.From; at < plan.Through; at += page)
        {
            var upTo = Math.Min(plan.Through, at + page);
            var nodes = await db.Set<AuditTreeNode>().AsNoTracking().Where(n => n.Position >= at && n.Position < upTo).OrderBy(n => n.Position).ToListAsync(cancellationToken);
            var next = at;
            foreach (var node in nodes)
            {
                for (; next < node.Position; next++)
                {
                    leaves.Append('\n');
                }

                leaves.Append(Convert.ToBase64String(node.Hash)).Append('\n');
                next++;
            }

            for (; next < upTo; next++)
            {
                leaves.Append('\n');
            }
        }

        await File.WriteAllTextAsync(Path.Combine(target, LedgerExportLayout.Leaves), leaves.ToString(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(target, LedgerExportLayout.Start), LedgerStartFile.ToJson(plan.From, frontier, edge), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(target, LedgerExportLayout.Checkpoints), string.Concat(checkpoints.Select(c => WitnessRecord.From(c).ToJsonLine() + "\n")), cancellationToken);
        var witnessed = witness.Read(info.Origin).Where(w => w.ToCheckpoint().Note.TreeSize >= plan.From && w.ToCheckpoint().Note.TreeSize <= plan.Through);
        await File.WriteAllTextAsync(Path.Combine(target, LedgerExportLayout.Witness), string.Concat(witnessed.Select(w => w.ToJsonLine() + "\n")), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(target, LedgerExportLayout.PublicKey), signingKey.PublicKeyPem, cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(target, LedgerExportLayout.LatestCheckpointBody), end.Note.BodyBytes, cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(target, LedgerExportLayout.LatestCheckpointSignature), end.Signature, cancellationToken);

        var files = new[]
            {
                LedgerExportLayout.Entries, LedgerExportLayout.Leaves, LedgerExportLayout.Start, LedgerExportLayout.Checkpoints, LedgerExportLayout.Witness,
                LedgerExportLayout.PublicKey, LedgerExportLayout.LatestCheckpointBody, LedgerExportLayout.LatestCheckpointSignature,
            }
            .ToDictionary(f => f, f => ArchiveManifest.Sha256Of(Path.Combine(target, f)), StringComparer.Ordinal);
        var manifest = new ArchiveManifest(info.Origin, plan.From, plan.Through, end.Note.RootHash, end.KeyId, time.GetUtcNow(), files);
        await File.WriteAllTextAsync(Path.Combine(target, LedgerExportLayout.Manifest), manifest.ToJson(), cancellationToken);
        return manifest;
    }

    /// <summary>
    /// Reads the folder back as a verifier would, with the database's key and witness, and compares every entry with
    /// the database's: the archive must be exactly the segment before any of it is removed.
    /// </summary>
    private async Task<VerificationFailure?> VerifyWrittenAsync(string target, ArchivePlan plan, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        ExportLedgerSource archive;
        try
        {
            archive = new ExportLedgerSource(target);
        }
        catch (InvalidDataException ex)
        {
            return new VerificationFailure(TamperingKind.Modified, plan.From, ex.Message);
        }

        var info = await db.Set<AuditLedgerInfo>().AsNoTracking().SingleAsync(cancellationToken);
        var witnessed = witness.Read(info.Origin).Where(w => w.ToCheckpoint().Note.TreeSize >= plan.From && w.ToCheckpoint().Note.TreeSize <= plan.Through).ToList();
        var verifyProgress = progress is null ? null : new RelayProgress(done => progress.Report(new ArchiveProgress(ArchiveProgress.Verifying, done - plan.From, plan.Entries)));
        try
        {
            var report = await AuditVerifier.VerifyAsync(archive, signingKey.ToKeyRing(), witnessed, verifyProgress, cancellationToken);
            if (report.Failure is { } failure)
            {
                return failure;
            }

            if (await archive.CheckManifestAsync(cancellationToken) is { } manifestFailure)
            {
                return manifestFailure;
            }

            if (report.EntriesChecked != plan.Entries)
            {
                return new VerificationFailure(TamperingKind.Truncated, plan.From + report.EntriesChecked, $"The archive holds {report.EntriesChecked} entries; the segment has {plan.Entries}.");
            }

            // Entry by entry against the database.
            await using var stored = new DatabaseLedgerSource(db).RangeAsync(plan.From, plan.Through, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await foreach (var entry in archive.EntriesAsync(cancellationToken))
            {
                if (!await stored.MoveNextAsync() || stored.Current.Sequence != entry.Sequence || !stored.Current.LeafHash().AsSpan().SequenceEqual(entry.LeafHash()))
                {
                    return new VerificationFailure(TamperingKind.Modified, entry.Sequence, $"Entry {entry.Sequence} in the archive differs from the database's.");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            return new VerificationFailure(TamperingKind.Modified, plan.From, ex.Message);
        }

        return null;
    }

    private async Task<AuditArchiveRecord> RemoveAsync(ArchivePlan plan, ArchiveManifest manifest, string manifestSha, string target, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        var root = Convert.ToBase64String(manifest.RootHash);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (plan, manifest, manifestSha, target, progress),
            async (_, state, ct) =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (await ArchivedThroughAsync(db, ct) != state.plan.From)
                {
                    throw new ArchiveRefusedException($"Another archive was recorded while this one was written; nothing was removed. Archive again from the new end.");
                }

                if (await AuditSequencer.IntegratedSizeAsync(db, ct) <= state.plan.Through)
                {
                    throw new ArchiveRefusedException("At least one later entry must stay in the database; nothing was removed.");
                }

                var now = time.GetUtcNow();
                var content = entries.Create(
                    AuditActions.LedgerArchived,
                    AuditOutcome.Succeeded,
                    "audit-archive",
                    SegmentId(state.plan.From, state.plan.Through),
                    $"Entries {state.plan.From} to {state.plan.Through - 1} archived and removed after {AuditRetention.MinimumYears} years (45 CFR 164.316(b)(2)(i)); root {root}; manifest sha256 {state.manifestSha}.");
                var record = AuditArchiveRecord.Create(state.manifest, state.manifestSha, state.plan.OldestRecordedAt!.Value, state.plan.NewestRecordedAt!.Value, now, content.ActorName, state.target);
                db.Add(record);
                db.Add(AuditEntry.Create(content));
                await db.SaveChangesAsync(ct);

                long removed = 0;
                for (var at = state.plan.From; at < state.plan.Through; at += RemovalChunk)
                {
                    var upTo = Math.Min(state.plan.Through, at + RemovalChunk);
                    removed += await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE sequence >= {0} AND sequence < {1}", [at, upTo], ct);
                    state.progress?.Report(new ArchiveProgress(ArchiveProgress.Removing, removed, state.plan.Entries));
                }

                if (removed != state.plan.Entries)
                {
                    throw new InvalidOperationException($"Removing entries {state.plan.From} to {state.plan.Through - 1} removed {removed} rows, not {state.plan.Entries}; nothing was removed.");
                }

                await transaction.CommitAsync(ct);
                return record;
            },
            verifySucceeded: null,
            cancellationToken);
    }

    /// <summary>Reports synchronously: the verifier's count, turned into the archive's progress.</summary>
    private sealed class RelayProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
