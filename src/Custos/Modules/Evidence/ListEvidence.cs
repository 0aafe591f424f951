using Custos.Modules.Evidence.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Evidence;

/// <summary>Evidence versions, newest first: all, or those backing one requirement, or one series' versions.</summary>
public sealed class ListEvidence(AppDbContext db)
{
    public async Task<IReadOnlyList<EvidenceView>> HandleAsync(string? requirementKey, Guid? seriesId, CancellationToken cancellationToken)
    {
        var items = db.Set<EvidenceItem>().AsNoTracking().Include(e => e.Requirements).AsQueryable();
        if (requirementKey is not null)
        {
            items = items.Where(e => e.Requirements.Any(r => r.RequirementKey == requirementKey));
        }

        if (seriesId is not null)
        {
            items = items.Where(e => e.SeriesId == seriesId);
        }

        var rows = await items.ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(e => e.UploadedAt).ThenByDescending(e => e.Version).Select(e => e.ToView())];
    }

    public async Task<EvidenceView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await db.Set<EvidenceItem>().AsNoTracking().Include(e => e.Requirements).FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException("evidence", id.ToString());
        return item.ToView();
    }
}
