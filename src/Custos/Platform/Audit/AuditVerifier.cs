namespace Custos.Platform.Audit;

/// <summary>The kinds of tampering verification tells apart.</summary>
public enum TamperingKind
{
    Modified,
    Deleted,
    Inserted,
    Reordered,
    Truncated,
    ForgedCheckpoint,
    MissingCheckpoint,
}

public sealed record VerificationFailure(TamperingKind Kind, long Sequence, string Message);

public sealed record VerificationReport(long EntriesChecked, int CheckpointsChecked, int WitnessRecordsChecked, VerificationFailure? Failure)
{
    public bool Passed => Failure is null;

    /// <summary>Entries before the first one checked that were archived (ADR 0006): checked through their recorded leaves and the archive's root.</summary>
    public long ArchivedEntries { get; init; }
}

/// <summary>
/// Where a ledger source begins. A whole ledger begins at 0. After archiving (ADR 0006) the live ledger begins at the
/// end of the last archive: the leaves the tree recorded for the archived entries are replayed (no
/// <see cref="Frontier"/>) and must hash to <see cref="ExpectedRoot"/>, the root the archive record holds. An archive
/// segment begins with the compact range (<see cref="Frontier"/>) at its start, whose root its first checkpoint signs.
/// </summary>
public sealed record LedgerStart(long Size, MerkleFrontier? Frontier, byte[]? ExpectedRoot)
{
    public static LedgerStart Beginning => new(0, null, null);
}

/// <summary>
/// One integrated entry as a ledger source yields it: its content (from the database), or the exact canonical bytes
/// of an export line, whose hash is the leaf (the content is then parsed only if a mismatch must be classified).
/// </summary>
public sealed class SequencedEntry
{
    private readonly Func<AuditEntryContent>? parse;
    private AuditEntryContent? content;

    public SequencedEntry(long sequence, AuditEntryContent content)
    {
        Sequence = sequence;
        this.content = content;
    }

    private SequencedEntry(long sequence, byte[] canonical, Func<AuditEntryContent> parse)
    {
        Sequence = sequence;
        Canonical = canonical;
        this.parse = parse;
    }

    public long Sequence { get; }

    /// <summary>The exact bytes that were hashed, when the source has them.</summary>
    public byte[]? Canonical { get; }

    public AuditEntryContent Content => content ??= parse!();

    public static SequencedEntry FromCanonicalBytes(long sequence, byte[] canonical, Func<AuditEntryContent> parse) => new(sequence, canonical, parse);

    /// <summary>SHA-256(0x00 || canonical entry): of the bytes as given, or of the content rendered canonically.</summary>
    public byte[] LeafHash() => Canonical is { } bytes ? MerkleHashes.Leaf(bytes) : Content.LeafHash(Sequence);
}

/// <summary>A ledger to verify: the live database or an export.</summary>
public interface ILedgerSource
{
    /// <summary>Entries in sequence order.</summary>
    IAsyncEnumerable<SequencedEntry> EntriesAsync(CancellationToken cancellationToken);

    /// <summary>The leaf hashes the tree recorded, by index (null where one is missing).</summary>
    Task<IReadOnlyList<byte[]?>> RecordedLeavesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken);

    /// <summary>Where the entries begin: at 0 unless a prefix was archived.</summary>
    Task<LedgerStart> StartAsync(CancellationToken cancellationToken) => Task.FromResult(LedgerStart.Beginning);
}

/// <summary>
/// Recomputes every leaf from its entry, the tree, every checkpoint's root and signature, and compares with the
/// witness (45 CFR 164.312(c)(2)). Stops at the first problem and names its kind and sequence number: a leaf that
/// no longer matches what the tree recorded is modified, or shifted by an insertion or deletion, or moved by a
/// reordering; entries missing from the end are a truncation; a root that no longer matches a signed checkpoint
/// means the tree itself was recomputed; a bad or unknown signature is a forged checkpoint; a witnessed checkpoint
/// absent from the database is a missing checkpoint.
/// </summary>
public static class AuditVerifier
{
    private const int ReorderWindow = 64;

    public static async Task<VerificationReport> VerifyAsync(
        ILedgerSource source,
        CheckpointKeyRing keys,
        IReadOnlyList<WitnessRecord> witness,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(witness);

        var leaves = await source.RecordedLeavesAsync(cancellationToken);
        var checkpoints = await source.CheckpointsAsync(cancellationToken);
        var witnessed = witness.Select(w => w.ToCheckpoint()).ToList();
        var sizes = checkpoints.Select(c => c.Note.TreeSize).Concat(witnessed.Select(w => w.Note.TreeSize)).ToHashSet();
        var roots = new Dictionary<long, byte[]>();
        var start = await source.StartAsync(cancellationToken);
        var frontier = start.Frontier ?? MerkleFrontier.Empty;
        if (start.Frontier is null)
        {
            // The archived prefix: its entries are in archive files, its recorded leaves still in the tree.
            for (long i = 0; i < start.Size; i++)
            {
                if (i >= leaves.Count || leaves[(int)i] is not { } recordedLeaf)
                {
                    return Fail(0, checkpoints.Count, witness.Count, TamperingKind.Deleted, i, $"The recorded leaf of archived entry {i} is missing from the tree.");
                }

                frontier.Append(recordedLeaf);
                if (sizes.Contains(frontier.Size))
                {
                    roots[frontier.Size] = frontier.Root();
                }
            }
        }
        else if (sizes.Contains(frontier.Size))
        {
            roots[frontier.Size] = frontier.Root();
        }

        if (start.ExpectedRoot is { } expectedRoot && !frontier.Root().AsSpan().SequenceEqual(expectedRoot))
        {
            return Fail(0, checkpoints.Count, witness.Count, TamperingKind.Modified, 0, $"The recorded leaves of the archived entries 0 to {start.Size - 1} no longer hash to the root the archive record holds.");
        }

        long expected = start.Size;

        await using var entries = source.EntriesAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var hasCurrent = await entries.MoveNextAsync();
        var current = hasCurrent ? entries.Current : null;
        while (current is not null)
        {
            var next = await entries.MoveNextAsync() ? entries.Current : null;
            var s = current.Sequence;
            if (s < expected)
            {
                return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.Inserted, s, $"Sequence number {s} appears more than once.");
            }

            if (s > expected)
            {
                return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.Deleted, expected, $"Entry {expected} is missing (the next entry is {s}).");
            }

            var leaf = current.LeafHash();
            var recorded = s < leaves.Count ? leaves[(int)s] : null;
            if (s >= leaves.Count)
            {
                return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.Inserted, s, $"Entry {s} is not in the tree the sequencer recorded ({leaves.Count} leaves).");
            }

            if (recorded is not null && !leaf.AsSpan().SequenceEqual(recorded))
            {
                var (kind, message) = Classify(current, next, leaves);
                return Fail(expected - start.Size, checkpoints.Count, witness.Count, kind, s, message);
            }

            frontier.Append(leaf);
            expected++;
            if (sizes.Contains(frontier.Size))
            {
                roots[frontier.Size] = frontier.Root();
            }

            if ((expected & 0x3FFF) == 0)
            {
                progress?.Report(expected);
            }

            current = next;
        }

        progress?.Report(expected);
        var longest = Math.Max(leaves.Count, sizes.Count == 0 ? 0 : sizes.Max());
        if (expected < longest)
        {
            return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.Truncated, expected, $"The ledger ends at entry {expected - 1}, but {longest} entries were recorded or signed.");
        }

        long lastGood = 0;
        foreach (var checkpoint in checkpoints.OrderBy(c => c.Note.TreeSize))
        {
            var size = checkpoint.Note.TreeSize;
            switch (keys.Check(checkpoint))
            {
                case CheckpointSignatureCheck.UnknownKey:
                    return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.ForgedCheckpoint, size, $"The checkpoint of size {size} is signed by key {checkpoint.KeyId}, which is not a known signing key.");
                case CheckpointSignatureCheck.Invalid:
                    return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.ForgedCheckpoint, size, $"The checkpoint of size {size} has a signature that does not verify.");
            }

            if (!roots.TryGetValue(size, out var root) || !root.AsSpan().SequenceEqual(checkpoint.Note.RootHash))
            {
                return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.Modified, lastGood, $"Entries from {lastGood} to {size - 1} no longer hash to the root signed at size {size}: they were rewritten and the tree recomputed.");
            }

            lastGood = size;
        }

        var stored = checkpoints.Select(c => (c.Note.TreeSize, Convert.ToBase64String(c.Note.RootHash))).ToHashSet();
        var storedSizes = checkpoints.Select(c => c.Note.TreeSize).ToHashSet();
        foreach (var w in witnessed.OrderBy(w => w.Note.TreeSize))
        {
            var size = w.Note.TreeSize;
            if (keys.Check(w) != CheckpointSignatureCheck.Valid)
            {
                return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.ForgedCheckpoint, size, $"The witness's checkpoint of size {size} does not verify with a known key.");
            }

            if (!storedSizes.Contains(size))
            {
                return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.MissingCheckpoint, size, $"The witness holds a checkpoint of size {size} that the ledger no longer has.");
            }

            if (!stored.Contains((size, Convert.ToBase64String(w.Note.RootHash))))
            {
                return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.ForgedCheckpoint, size, $"The ledger's checkpoint of size {size} differs from the one the witness holds.");
            }

            if (!roots.TryGetValue(size, out var root) || !root.AsSpan().SequenceEqual(w.Note.RootHash))
            {
                return Fail(expected - start.Size, checkpoints.Count, witness.Count, TamperingKind.Modified, 0, $"The entries no longer hash to the root the witness holds for size {size}.");
            }
        }

        return new VerificationReport(expected - start.Size, checkpoints.Count, witness.Count, null) { ArchivedEntries = start.Size };
    }

    private static (TamperingKind Kind, string Message) Classify(SequencedEntry current, SequencedEntry? next, IReadOnlyList<byte[]?> leaves)
    {
        var s = current.Sequence;
        if (next is not null && Matches(next.Content.LeafHash(s), leaves, s))
        {
            return (TamperingKind.Inserted, $"Entry {s} was inserted: the entry after it holds what the tree recorded at {s}.");
        }

        if (Matches(current.Content.LeafHash(s + 1), leaves, s + 1))
        {
            return (TamperingKind.Deleted, $"Entry {s} was deleted and the later entries renumbered.");
        }

        for (var j = Math.Max(0, s - ReorderWindow); j <= s + ReorderWindow && j < leaves.Count; j++)
        {
            if (j != s && Matches(current.Content.LeafHash(j), leaves, j))
            {
                return (TamperingKind.Reordered, $"Entry {s} was recorded at position {j}: the entries were reordered.");
            }
        }

        return (TamperingKind.Modified, $"Entry {s} does not hash to the leaf the tree recorded: its content was modified.");
    }

    private static bool Matches(byte[] leaf, IReadOnlyList<byte[]?> leaves, long index) =>
        index < leaves.Count && leaves[(int)index] is { } recorded && leaf.AsSpan().SequenceEqual(recorded);

    private static VerificationReport Fail(long checkedCount, int checkpoints, int witness, TamperingKind kind, long sequence, string message) =>
        new(checkedCount, checkpoints, witness, new VerificationFailure(kind, sequence, message));
}
