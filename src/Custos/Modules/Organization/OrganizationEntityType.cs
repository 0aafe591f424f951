using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

internal sealed class OrganizationEntityType(AppDbContext db) : IOrganizationEntityType
{
    public async Task<EntityType> CurrentAsync(CancellationToken cancellationToken)
    {
        var type = await db.Set<OrganizationProfile>().AsNoTracking().Where(p => p.Id == OrganizationProfile.SingletonId).Select(p => (EntityType?)p.EntityType).FirstOrDefaultAsync(cancellationToken);
        return type ?? EntityType.BusinessAssociate;
    }
}
