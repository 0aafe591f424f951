using System.Text.Json;
using System.Text.Json.Serialization;
using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Safeguards.Catalog;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Safeguards;

/// <summary>One requirement in an upgrade report, and whether the organization has worked on it.</summary>
/// <param name="Changes">For a changed requirement, the fields that differ (title, required, kind, parent, family, applies_to, freshness_days, guidance, evidence, profile).</param>
/// <param name="ProposedNotice">For a requirement of a proposed rule, "Proposed (NPRM Jan 2025), not yet law"; null for law in force.</param>
/// <param name="PreviousTitle">For a retitled requirement, the title before the upgrade.</param>
/// <param name="HasImplementation">The organization recorded an implementation, decision or link for the key.</param>
/// <param name="EvidenceCount">Evidence versions mapped to the key (any review state).</param>
public sealed record CatalogUpgradeEntry(
    string Key,
    string Citation,
    string Title,
    string? PreviousTitle,
    IReadOnlyList<string> Changes,
    string? ProposedNotice,
    bool HasImplementation,
    int EvidenceCount)
{
    public bool IsProposed => ProposedNotice is not null;

    public bool HasOrganizationRecords => HasImplementation || EvidenceCount > 0;
}

/// <summary>What one upgrade of the built-in catalog changed. Withdrawn requirements keep their records as history.</summary>
public sealed record CatalogUpgradeReport(
    Guid Id,
    string FromVersion,
    string ToVersion,
    DateTimeOffset DetectedAt,
    IReadOnlyList<CatalogUpgradeEntry> Added,
    IReadOnlyList<CatalogUpgradeEntry> Changed,
    IReadOnlyList<CatalogUpgradeEntry> Withdrawn,
    DateTimeOffset? DismissedAt,
    string? DismissedBy)
{
    public bool IsDismissed => DismissedAt is not null;

    /// <summary>Changed or withdrawn requirements the organization has implementations or evidence for: what to review first.</summary>
    public int NeedsReview => Changed.Count(e => e.HasOrganizationRecords) + Withdrawn.Count(e => e.HasOrganizationRecords);
}

internal sealed record CatalogUpgradeEntries(IReadOnlyList<CatalogUpgradeEntry> Added, IReadOnlyList<CatalogUpgradeEntry> Changed, IReadOnlyList<CatalogUpgradeEntry> Withdrawn)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>
/// Compares the catalog version the organization last saw (the stored <see cref="CatalogSnapshot"/>) with the
/// built-in one (ADR 0014, ADR 0022). On the first run it only stores the snapshot. After an upgrade in place it
/// stores a report (added, changed and withdrawn requirements, each with whether the organization has
/// implementations or evidence for it) and the new snapshot, in one transaction. The organization's records are only
/// read, never changed: a withdrawn key's implementation and evidence stay as history. Runs at start-up and before
/// the reports are read, so it also covers a host started without the start-up task; a second run finds nothing new.
/// </summary>
public sealed class CheckCatalogUpgrade(AppDbContext db, RequirementCatalog catalog, IEvidenceRecords evidence, TimeProvider time)
{
    /// <summary>The new report, or null when the catalog is unchanged (or this is the first run).</summary>
    public async Task<CatalogUpgradeReport?> HandleAsync(CancellationToken cancellationToken)
    {
        var storedVersion = await db.Set<CatalogState>().AsNoTracking().Where(s => s.Id == CatalogState.SingletonId).Select(s => s.Version).FirstOrDefaultAsync(cancellationToken);
        if (string.Equals(storedVersion, catalog.Version, StringComparison.Ordinal))
        {
            return null;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var now = time.GetUtcNow();
                var state = await db.Set<CatalogState>().FirstOrDefaultAsync(s => s.Id == CatalogState.SingletonId, ct);
                if (state is null)
                {
                    db.Add(new CatalogState(catalog.Version, CatalogSnapshot.Write(catalog), now));
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return (CatalogUpgradeReport?)null;
                }

                if (string.Equals(state.Version, catalog.Version, StringComparison.Ordinal))
                {
                    return null;
                }

                var diff = CatalogDiff.Between(CatalogSnapshot.Read(state.Snapshot), catalog);
                var entries = await EntriesAsync(diff, ct);
                CatalogUpgrade? upgrade = null;
                if (!await db.Set<CatalogUpgrade>().AnyAsync(u => u.FromVersion == diff.FromVersion && u.ToVersion == diff.ToVersion, ct))
                {
                    upgrade = new CatalogUpgrade(Guid.CreateVersion7(now), diff.FromVersion, diff.ToVersion, JsonSerializer.Serialize(entries, CatalogUpgradeEntries.Json), now);
                    db.Add(upgrade);
                }

                state.Replace(catalog.Version, CatalogSnapshot.Write(catalog), now);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return upgrade is null ? null : GetCatalogUpgradeReports.ToReport(upgrade);
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another node or process recorded the same upgrade at the same moment: its report stands.
            db.ChangeTracker.Clear();
            return null;
        }
    }

    private async Task<CatalogUpgradeEntries> EntriesAsync(CatalogDiff diff, CancellationToken cancellationToken)
    {
        var keys = diff.Added.Select(r => r.Key).Concat(diff.Removed.Select(r => r.Key)).Concat(diff.Changed.Select(c => c.Key)).ToList();
        var implemented = (await db.Set<ControlImplementation>().AsNoTracking()
                .Where(i => keys.Contains(i.RequirementKey) && (i.Status != Contracts.ImplementationStatus.NotAssessed || i.Decision != null))
                .Select(i => i.RequirementKey).ToListAsync(cancellationToken))
            .Concat(await db.Set<ImplementationLink>().AsNoTracking().Where(l => keys.Contains(l.RequirementKey)).Select(l => l.RequirementKey).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var facts = await evidence.ListAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken);
        var evidenceCounts = facts.SelectMany(f => f.RequirementKeys).GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        CatalogUpgradeEntry Entry(CatalogRequirement requirement, string? previousTitle, IReadOnlyList<string> changes) => new(
            requirement.Key, requirement.Citation, requirement.Title, previousTitle, changes, CatalogProfiles.NoticeFor(requirement),
            implemented.Contains(requirement.Key), evidenceCounts.GetValueOrDefault(requirement.Key));

        return new CatalogUpgradeEntries(
            [.. diff.Added.Select(r => Entry(r, null, []))],
            [.. diff.Changed.Select(c => Entry(c.After, c.IsRetitled ? c.Before.Title : null, c.Changes))],
            [.. diff.Removed.Select(r => Entry(r, null, []))]);
    }
}

/// <summary>The stored catalog upgrade reports, newest first; checks for a new upgrade first.</summary>
public sealed class GetCatalogUpgradeReports(AppDbContext db, CheckCatalogUpgrade check)
{
    public async Task<IReadOnlyList<CatalogUpgradeReport>> HandleAsync(CancellationToken cancellationToken)
    {
        await check.HandleAsync(cancellationToken);
        var upgrades = await db.Set<CatalogUpgrade>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. upgrades.OrderByDescending(u => u.DetectedAt).ThenByDescending(u => u.Id).Select(ToReport)];
    }

    /// <summary>The newest report nobody has dismissed yet, for the compliance page's banner; null when there is none.</summary>
    public async Task<CatalogUpgradeReport?> PendingAsync(CancellationToken cancellationToken)
    {
        await check.HandleAsync(cancellationToken);
        var upgrade = await db.Set<CatalogUpgrade>().AsNoTracking().Where(u => u.DismissedAt == null).ToListAsync(cancellationToken);
        return upgrade.OrderByDescending(u => u.DetectedAt).ThenByDescending(u => u.Id).Select(ToReport).FirstOrDefault();
    }

    internal static CatalogUpgradeReport ToReport(CatalogUpgrade upgrade)
    {
        var entries = JsonSerializer.Deserialize<CatalogUpgradeEntries>(upgrade.Report, CatalogUpgradeEntries.Json)
            ?? new CatalogUpgradeEntries([], [], []);
        return new CatalogUpgradeReport(upgrade.Id, upgrade.FromVersion, upgrade.ToVersion, upgrade.DetectedAt, entries.Added, entries.Changed, entries.Withdrawn, upgrade.DismissedAt, upgrade.DismissedBy);
    }
}
