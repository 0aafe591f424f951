using Custos.Platform.Authorization;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.AccessGovernance;

/// <summary>Elevations and break-glass uses that name a role and are still open: waiting for a decision, or in force.</summary>
internal sealed class ElevationRoleReferences(AppDbContext db) : IRoleReferences
{
    public async Task<string?> DescribeOpenReferencesAsync(string roleName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var decidedSince = now - ElevationRules.DecisionWindow;
        var open = await db.Set<Elevation>().AsNoTracking()
            .Where(e => e.RoleName == roleName
                && ((e.Approved == null && e.RequestedAt > decidedSince) || (e.Approved == true && e.ExpiresAt > now)))
            .CountAsync(cancellationToken);
        return open == 0 ? null : $"{open} elevation{(open == 1 ? string.Empty : "s")} pending or in force";
    }
}
