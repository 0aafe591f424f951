using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

internal sealed class OfficerDirectory(AppDbContext db) : IOfficerDirectory
{
    public async Task<OfficerView?> CurrentAsync(OfficerRole role, CancellationToken cancellationToken)
    {
        var designation = await db.Set<OfficerDesignation>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.Role == role && d.EndedOn == null, cancellationToken);
        return designation?.ToView();
    }
}
