using System.Text;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Audit;

/// <summary>A verification run's result, kept as history (45 CFR 164.308(a)(1)(ii)(D): activity review is recorded).</summary>
internal sealed class AuditVerificationRun
{
    private AuditVerificationRun()
    {
        Trigger = string.Empty;
    }

    public long Id { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset FinishedAt { get; private set; }

    public string Trigger { get; private set; }

    public bool Passed { get; private set; }

    public long EntriesChecked { get; private set; }

    public TamperingKind? FailureKind { get; private set; }

    public long? FailureSequence { get; private set; }

    public string? Message { get; private set; }

    public static AuditVerificationRun From(string trigger, DateTimeOffset started, DateTimeOffset finished, VerificationReport report) => new()
    {
        Trigger = trigger,
        StartedAt = started,
        FinishedAt = finished,
        Passed = report.Passed,
        EntriesChecked = report.EntriesChecked,
        FailureKind = report.Failure?.Kind,
        FailureSequence = report.Failure?.Sequence,
        Message = report.Failure?.Message is { } m && m.Length > 1000 ? m[..1000] : report.Failure?.Message,
    };
}

public sealed record VerificationRunView(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Trigger, bool Passed, long EntriesChecked, TamperingKind? FailureKind, long? FailureSequence, string? Message);

public sealed record ExportSummary(string Directory, long Entries, int Checkpoints, string KeyId);

/// <summary>Verification of the live ledger (with its history) and export for auditors; both are themselves recorded.</summary>
public sealed class AuditLedgerMaintenance(
    AppDbContext db,
    CheckpointSigningKey signingKey,
    CheckpointWitness witness,
    AuditEntryFactory entries,
    AuditAppender appender,
    TimeProvider time,
    IEnumerable<IAuditAlertNotifier> notifiers,
    Microsoft.Extensions.Logging.ILogger<AuditLedgerMaintenance> logger)
{
    public const string TriggerOnDemand = "on demand";
    public const string TriggerSchedule = "schedule";
    public const string TriggerCommandLine = "command line";

    /// <summary>Verifies the database against its checkpoints, the signing key and the witness; records the run.</summary>
    public Task<VerificationReport> VerifyAsync(string trigger, IProgress<long>? progress, CancellationToken cancellationToken) =>
        VerifyAsync(trigger, new DatabaseLedgerSource(db), progress, null, cancellationToken);

    /// <summary>
    /// Verifies the whole history: the archive folders of every archived segment (ADR 0006), each checked against its
    /// record in the database (manifest SHA-256) and by its own manifest, followed by the live entries, as one ledger
    /// from entry 0. A missing, unknown or extra folder is an <see cref="InvalidDataException"/>.
    /// </summary>
    public async Task<VerificationReport> VerifyWithArchivesAsync(string trigger, IReadOnlyList<string> archiveFolders, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archiveFolders);
        var archives = archiveFolders.Select(f => new ExportLedgerSource(f)).ToList();
        foreach (var archive in archives.Where(a => a.Archive is null))
        {
            throw new InvalidDataException($"'{archive.FolderPath}' is an export, not an archive (custos audit archive).");
        }

        archives = archives.OrderBy(a => a.Archive!.From).ToList();
        var records = await db.Set<AuditArchiveRecord>().AsNoTracking().OrderBy(a => a.FromSequence).ToListAsync(cancellationToken);
        var covered = string.Join(", ", records.Select(r => $"{r.FromSequence}-{r.ThroughSequence - 1}"));
        if (archives.Count != records.Count || archives.Zip(records).Any(p => p.First.Archive!.From != p.Second.FromSequence || p.First.Archive!.Through != p.Second.ThroughSequence))
        {
            throw new InvalidDataException(
                $"The archives given ({string.Join(", ", archives.Select(a => $"{a.Archive!.From}-{a.Archive.Through - 1}"))}) are not the segments the database archived ({(covered.Length == 0 ? "none" : covered)}): give one folder per archived segment.");
        }

        // The tree first (it names the kind and sequence number of a changed entry), then the files' own hashes.
        return await VerifyAsync(trigger, new WholeHistorySource(archives, new DatabaseLedgerSource(db)), progress, async ct =>
        {
            foreach (var (archive, record) in archives.Zip(records))
            {
                var failure = !string.Equals(ArchiveManifest.Sha256Of(Path.Combine(archive.FolderPath, LedgerExportLayout.Manifest)), record.ManifestSha256, StringComparison.OrdinalIgnoreCase)
                    ? new VerificationFailure(TamperingKind.Modified, record.FromSequence, $"The manifest of '{archive.FolderPath}' is not the one recorded when entries {record.FromSequence} to {record.ThroughSequence - 1} were archived.")
                    : await archive.CheckManifestAsync(ct);
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }, cancellationToken);
    }

    private async Task<VerificationReport> VerifyAsync(string trigger, ILedgerSource source, IProgress<long>? progress, Func<CancellationToken, Task<VerificationFailure?>>? moreChecks, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var info = await db.Set<AuditLedgerInfo>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var checkpoints = await source.CheckpointsAsync(cancellationToken);
        VerificationReport report;
        if (checkpoints.Count > 0 && !File.Exists(signingKey.PathOnDisk))
        {
            throw new InvalidDataException($"The checkpoint signing key '{signingKey.PathOnDisk}' is missing: the checkpoints cannot be checked. Restore it from backup (setting {AuditOptions.Section}:{nameof(AuditOptions.SigningKeyPath)}).");
        }

        var ring = checkpoints.Count > 0 ? signingKey.ToKeyRing() : new CheckpointKeyRing();
        var witnessed = info is null ? [] : witness.Read(info.Origin);
        report = await AuditVerifier.VerifyAsync(source, ring, witnessed, progress, cancellationToken);
        if (report.Passed && await AuditLedgerArchiver.CheckRecordsAsync(db, checkpoints, cancellationToken) is { } archiveFailure)
        {
            report = report with { Failure = archiveFailure };
        }

        if (report.Passed && moreChecks is not null && await moreChecks(cancellationToken) is { } failure)
        {
            report = report with { Failure = failure };
        }

        return await RecordRunAsync(trigger, started, report, cancellationToken);
    }

    private async Task<VerificationReport> RecordRunAsync(string trigger, DateTimeOffset started, VerificationReport report, CancellationToken cancellationToken)
    {
        var info = await db.Set<AuditLedgerInfo>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        db.Add(AuditVerificationRun.From(trigger, started, time.GetUtcNow(), report));
        AuditAlert? alert = null;
        if (report.Failure is { } failure)
        {
            alert = AuditAlert.Raise(AuditAlertRule.VerificationFailed, $"Ledger verification ({trigger}) found tampering: {failure.Kind} at sequence number {failure.Sequence}. {failure.Message}", null, failure.Sequence, time.GetUtcNow());
            db.Add(alert);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (alert is not null)
        {
            await AuditSequencer.NotifyAsync(notifiers, [alert.ToView()], logger, cancellationToken);
        }

        await appender.AppendAsync(
            entries.Create(AuditActions.LedgerVerified, report.Passed ? AuditOutcome.Succeeded : AuditOutcome.Failed, "audit-ledger", info?.Origin, report.Failure?.Kind.ToString()),
            cancellationToken);
        return report;
    }

    /// <summary>Records that entries were exported for an auditor (the export itself is an audited act).</summary>
    public Task RecordEntriesExportAsync(string format, int count, CancellationToken cancellationToken) =>
        appender.AppendAsync(
            entries.Create(AuditActions.LedgerExported, AuditOutcome.Succeeded, "audit-ledger", null, $"{count} entries as {format}"),
            cancellationToken);

    public async Task<IReadOnlyList<VerificationRunView>> VerificationHistoryAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Set<AuditVerificationRun>().AsNoTracking().OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 200)).ToListAsync(cancellationToken);
        return rows.Select(r => new VerificationRunView(r.StartedAt, r.FinishedAt, r.Trigger, r.Passed, r.EntriesChecked, r.FailureKind, r.FailureSequence, r.Message)).ToList();
    }

    /// <summary>Writes every integrated entry, the recorded leaves, the checkpoints, the witness lines and the public key to <paramref name="directory"/>.</summary>
    public async Task<ExportSummary> ExportAsync(string directory, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(directory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"The folder '{target}' is not empty; export into a new or empty folder.");
        }

        Directory.CreateDirectory(target);
        var info = await db.Set<AuditLedgerInfo>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var source = new DatabaseLedgerSource(db);
        var checkpoints = await source.CheckpointsAsync(cancellationToken);

        // Only entries up to the latest checkpoint: everything exported is covered by a signature.
        var size = checkpoints.Count == 0 ? 0 : checkpoints.Max(c => c.Note.TreeSize);
        long count = 0;
        await using (var writer = new StreamWriter(Path.Combine(target, LedgerExportLayout.Entries), append: false, new UTF8Encoding(false)))
        {
            writer.NewLine = "\n";
            await foreach (var entry in source.EntriesAsync(cancellationToken))
            {
                if (entry.Sequence >= size)
                {
                    break;
                }

                await writer.WriteLineAsync(Encoding.UTF8.GetString(entry.Content.ToCanonicalJson(entry.Sequence)));
                count++;
                if ((count & 0x3FFF) == 0)
                {
                    progress?.Report(count);
                }
            }
        }

        // After archiving the export begins where the archives end; its leaves.txt still starts at 0 (ADR 0006).
        var start = await source.StartAsync(cancellationToken);
        if (start.Size > 0)
        {
            await File.WriteAllTextAsync(Path.Combine(target, LedgerExportLayout.Start), LedgerStartFile.ToJson(start.Size, null, null), cancellationToken);
        }

        var leaves = await source.RecordedLeavesAsync(cancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(target, LedgerExportLayout.Leaves),
            string.Concat(leaves.Take((int)size).Select(l => (l is null ? string.Empty : Convert.ToBase64String(l)) + "\n")),
            cancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(target, LedgerExportLayout.Checkpoints),
            string.Concat(checkpoints.Select(c => WitnessRecord.From(c).ToJsonLine() + "\n")),
            cancellationToken);
        var witnessed = info is null ? [] : witness.Read(info.Origin);
        await File.WriteAllTextAsync(Path.Combine(target, LedgerExportLayout.Witness), string.Concat(witnessed.Select(w => w.ToJsonLine() + "\n")), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(target, LedgerExportLayout.PublicKey), signingKey.PublicKeyPem, cancellationToken);
        if (checkpoints.Count > 0)
        {
            var latest = checkpoints.OrderBy(c => c.Note.TreeSize).Last();
            await File.WriteAllBytesAsync(Path.Combine(target, LedgerExportLayout.LatestCheckpointBody), latest.Note.BodyBytes, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(target, LedgerExportLayout.LatestCheckpointSignature), latest.Signature, cancellationToken);
        }

        var manifest = System.Text.Json.JsonSerializer.Serialize(new
        {
            format = LedgerExportLayout.Format,
            origin = info?.Origin,
            entries = count,
            checkpoints = checkpoints.Count,
            keyId = signingKey.KeyId,
            exportedAt = time.GetUtcNow().ToString(AuditEntryContent.TimeFormat, System.Globalization.CultureInfo.InvariantCulture),
        });
        await File.WriteAllTextAsync(Path.Combine(target, LedgerExportLayout.Manifest), manifest + "\n", cancellationToken);
        progress?.Report(count);

        await appender.AppendAsync(entries.Create(AuditActions.LedgerExported, AuditOutcome.Succeeded, "audit-ledger", info?.Origin), cancellationToken);
        return new ExportSummary(target, count, checkpoints.Count, signingKey.KeyId);
    }
}

/// <summary>The archives' entries, then the live ones: the whole history as one ledger from entry 0, against the database's tree and checkpoints.</summary>
internal sealed class WholeHistorySource(IReadOnlyList<ExportLedgerSource> archives, DatabaseLedgerSource live) : ILedgerSource
{
    public async IAsyncEnumerable<SequencedEntry> EntriesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var archive in archives)
        {
            await foreach (var entry in archive.EntriesAsync(cancellationToken))
            {
                yield return entry;
            }
        }

        await foreach (var entry in live.EntriesAsync(cancellationToken))
        {
            yield return entry;
        }
    }

    public Task<IReadOnlyList<byte[]?>> RecordedLeavesAsync(CancellationToken cancellationToken) => live.RecordedLeavesAsync(cancellationToken);

    public Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken) => live.CheckpointsAsync(cancellationToken);
}
