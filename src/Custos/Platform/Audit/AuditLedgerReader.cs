using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Audit;

public sealed record CheckpointView(string Origin, long TreeSize, string RootHash, DateTimeOffset SignedAt, string KeyId, string Signature, string Note)
{
    internal static CheckpointView From(SignedCheckpoint c) => new(
        c.Note.Origin, c.Note.TreeSize, Convert.ToBase64String(c.Note.RootHash), c.Note.SignedAt, c.KeyId, Convert.ToBase64String(c.Signature), c.ToNoteText());
}

public sealed record InclusionProofView(long Sequence, long TreeSize, string LeafHash, IReadOnlyList<string> Proof, string RootHash, CheckpointView? Checkpoint);

public sealed record ConsistencyProofView(long First, long Second, string FirstRootHash, string SecondRootHash, IReadOnlyList<string> Proof);

public sealed record AuditEntryView(
    long? Sequence,
    DateTimeOffset RecordedAt,
    string Action,
    ActorKind ActorKind,
    string ActorId,
    string ActorName,
    string? ResourceType,
    string? ResourceId,
    AuditOutcome Outcome,
    string? Reason,
    string? ClientAddress,
    string? UserAgent,
    string Node,
    string CorrelationId);

/// <summary>Search filters; every one optional. Times are UTC, <c>To</c> exclusive.</summary>
public sealed record AuditSearch(
    string? Actor = null,
    string? ResourceType = null,
    string? ResourceId = null,
    string? Action = null,
    AuditOutcome? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? Before = null,
    int Limit = 50);

public sealed record AuditPage(IReadOnlyList<AuditEntryView> Entries, long? NextBefore);

public sealed record LedgerStatus(long AppendedCount, long IntegratedSize, long WaitingCount, CheckpointView? LatestCheckpoint, string? WitnessPath, long? WitnessLatestSize, string? Origin);

/// <summary>Reads the ledger for hosts: checkpoints, proofs (RFC 9162) from the stored nodes, search, status.</summary>
public sealed class AuditLedgerReader(AppDbContext db, CheckpointWitness witness)
{
    public const int MaxPageSize = 500;

    public async Task<CheckpointView?> LatestCheckpointAsync(CancellationToken cancellationToken)
    {
        var latest = await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : CheckpointView.From(latest.ToSigned());
    }

    public async Task<IReadOnlyList<CheckpointView>> CheckpointsAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.Id).Take(Math.Clamp(limit, 1, MaxPageSize)).ToListAsync(cancellationToken);
        return rows.Select(c => CheckpointView.From(c.ToSigned())).ToList();
    }

    /// <summary>Inclusion proof of entry <paramref name="sequence"/> in the tree of <paramref name="treeSize"/> (the latest checkpoint's when null).</summary>
    public async Task<InclusionProofView> InclusionProofAsync(long sequence, long? treeSize, CancellationToken cancellationToken)
    {
        var size = treeSize ?? (await LatestCheckpointAsync(cancellationToken))?.TreeSize ?? 0;
        await EnsureTreeSizeAsync(size, nameof(treeSize), cancellationToken);
        if (sequence < 0 || sequence >= size)
        {
            throw new InvalidRequestException(nameof(sequence), $"Entry {sequence} is not in a tree of {size} entries; ask for a sequence number from 0 to {size - 1}, or a larger tree size.");
        }

        var nodes = await FetchAsync(
            MerkleTree.RequiredPositions(source =>
            {
                MerkleTree.InclusionProof(source, sequence, size);
                MerkleTree.Root(source, size);
                source.HashAt(0, sequence);
            }),
            cancellationToken);
        var proof = MerkleTree.InclusionProof(nodes, sequence, size);
        var root = MerkleTree.Root(nodes, size);
        var checkpoint = await db.Set<AuditCheckpoint>().AsNoTracking().Where(c => c.TreeSize == size).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return new InclusionProofView(
            sequence,
            size,
            Convert.ToBase64String(nodes.HashAt(0, sequence)),
            proof.Select(Convert.ToBase64String).ToList(),
            Convert.ToBase64String(root),
            checkpoint is null ? null : CheckpointView.From(checkpoint.ToSigned()));
    }

    public async Task<ConsistencyProofView> ConsistencyProofAsync(long first, long second, CancellationToken cancellationToken)
    {
        if (first <= 0 || first > second)
        {
            throw new InvalidRequestException(nameof(first), $"A consistency proof needs 0 < first <= second; got first {first}, second {second}.");
        }

        await EnsureTreeSizeAsync(second, nameof(second), cancellationToken);
        var nodes = await FetchAsync(
            MerkleTree.RequiredPositions(source =>
            {
                MerkleTree.ConsistencyProof(source, first, second);
                MerkleTree.Root(source, first);
                MerkleTree.Root(source, second);
            }),
            cancellationToken);
        return new ConsistencyProofView(
            first,
            second,
            Convert.ToBase64String(MerkleTree.Root(nodes, first)),
            Convert.ToBase64String(MerkleTree.Root(nodes, second)),
            MerkleTree.ConsistencyProof(nodes, first, second).Select(Convert.ToBase64String).ToList());
    }

    /// <summary>Newest first, paged by sequence (<see cref="AuditSearch.Before"/>); entries not yet integrated are not listed.</summary>
    public async Task<AuditPage> SearchAsync(AuditSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var limit = Math.Clamp(search.Limit, 1, MaxPageSize);
        var query = db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence != null);
        if (!string.IsNullOrWhiteSpace(search.Actor))
        {
            var actor = search.Actor.Trim();
            query = query.Where(e => e.ActorId == actor || e.ActorName == actor);
        }

        if (!string.IsNullOrWhiteSpace(search.ResourceType))
        {
            var type = search.ResourceType.Trim();
            query = query.Where(e => e.ResourceType == type);
        }

        if (!string.IsNullOrWhiteSpace(search.ResourceId))
        {
            var id = search.ResourceId.Trim();
            query = query.Where(e => e.ResourceId == id);
        }

        if (!string.IsNullOrWhiteSpace(search.Action))
        {
            var action = search.Action.Trim();
            query = query.Where(e => e.Action == action);
        }

        if (search.Outcome is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }

        if (search.From is { } from)
        {
            query = query.Where(e => e.RecordedAt >= from);
        }

        if (search.To is { } to)
        {
            query = query.Where(e => e.RecordedAt < to);
        }

        if (search.Before is { } before)
        {
            query = query.Where(e => e.Sequence < before);
        }

        var rows = await query.OrderByDescending(e => e.Sequence).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).Select(ToView).ToList();
        return new AuditPage(page, rows.Count > limit ? page[^1].Sequence : null);
    }

    /// <summary>Every entry matching <paramref name="search"/>, newest first, up to <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<AuditEntryView>> SearchAllAsync(AuditSearch search, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var all = new List<AuditEntryView>();
        var page = search with { Limit = MaxPageSize };
        while (all.Count < max)
        {
            var result = await SearchAsync(page, cancellationToken);
            all.AddRange(result.Entries.Take(max - all.Count));
            if (result.NextBefore is null)
            {
                break;
            }

            page = page with { Before = result.NextBefore };
        }

        return all;
    }

    /// <summary>Who read or changed a record: the panel a module's detail page shows.</summary>
    public Task<AuditPage> WhoAccessedAsync(string resourceType, string resourceId, int limit, CancellationToken cancellationToken) =>
        SearchAsync(new AuditSearch(ResourceType: resourceType, ResourceId: resourceId, Limit: limit), cancellationToken);

    public async Task<AuditEntryView> GetEntryAsync(long sequence, CancellationToken cancellationToken)
    {
        var entry = await db.Set<AuditEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.Sequence == sequence, cancellationToken)
            ?? throw new RecordNotFoundException("audit entry", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ToView(entry);
    }

    public async Task<LedgerStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var appended = await db.Set<AuditEntry>().LongCountAsync(cancellationToken);
        var integrated = await AuditSequencer.IntegratedSizeAsync(db, cancellationToken);
        var latest = await LatestCheckpointAsync(cancellationToken);
        var info = await db.Set<AuditLedgerInfo>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        long? witnessed = null;
        if (info is not null)
        {
            try
            {
                witnessed = witness.Read(info.Origin).Select(r => (long?)r.TreeSize).Max();
            }
            catch (InvalidDataException)
            {
                witnessed = null;
            }
        }

        return new LedgerStatus(appended, integrated, appended - integrated, latest, witness.FilePath, witnessed, info?.Origin);
    }

    internal static AuditEntryView ToView(AuditEntry e) => new(
        e.Sequence, e.RecordedAt, e.Action, e.ActorKind, e.ActorId, e.ActorName, e.ResourceType, e.ResourceId, e.Outcome, e.Reason, e.ClientAddress, e.UserAgent, e.Node, e.CorrelationId);

    private async Task EnsureTreeSizeAsync(long size, string field, CancellationToken cancellationToken)
    {
        var integrated = await AuditSequencer.IntegratedSizeAsync(db, cancellationToken);
        if (size <= 0 || size > integrated)
        {
            throw new InvalidRequestException(field, $"The tree size must be from 1 to {integrated} (the entries integrated so far); got {size}.");
        }
    }

    private async Task<MerkleNodeMap> FetchAsync(HashSet<long> positions, CancellationToken cancellationToken)
    {
        var list = positions.ToList();
        var rows = await db.Set<AuditTreeNode>().AsNoTracking().Where(n => list.Contains(n.Position)).ToListAsync(cancellationToken);
        return new MerkleNodeMap(rows.ToDictionary(n => n.Position, n => n.Hash));
    }
}
