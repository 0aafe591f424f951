using Custos.Platform.Authorization;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.AccessGovernance;

/// <summary>Approved elevations and break-glass uses in force, for the permission resolver; an expired one contributes nothing.</summary>
internal sealed class ElevationGrantSource(AppDbContext db) : ITemporaryRoleGrantSource
{
    public async Task<IReadOnlyList<TemporaryRoleGrant>> GetActiveGrantsAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = await db.Set<Elevation>().AsNoTracking()
            .Where(e => e.UserId == userId && e.Approved == true && e.ExpiresAt > now)
            .Select(e => new { e.RoleName, e.ExpiresAt, e.Kind })
            .ToListAsync(cancellationToken);
        return active.Select(e => new TemporaryRoleGrant(e.RoleName, e.ExpiresAt!.Value, e.Kind == ElevationKind.BreakGlass ? "break-glass" : "elevation")).ToList();
    }
}
