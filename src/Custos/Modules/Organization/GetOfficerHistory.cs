using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

/// <summary>Every designation, newest first: who was responsible when.</summary>
public sealed class GetOfficerHistory(AppDbContext db)
{
    public async Task<IReadOnlyList<OfficerView>> HandleAsync(OfficerRole? role, CancellationToken cancellationToken)
    {
        var query = db.Set<OfficerDesignation>().AsNoTracking();
        if (role is { } r)
        {
            query = query.Where(d => d.Role == r);
        }

        var rows = await query.ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(d => d.EffectiveOn)
            .ThenByDescending(d => d.RecordedAt)
            .Select(d => d.ToView())
            .ToList();
    }
}
