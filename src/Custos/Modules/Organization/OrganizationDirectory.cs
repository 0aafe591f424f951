using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

internal sealed class OrganizationDirectory(AppDbContext db) : IOrganizationDirectory
{
    public async Task<OrganizationProfileView?> ProfileAsync(CancellationToken cancellationToken) =>
        (await db.Set<OrganizationProfile>().AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.ToView();

    public async Task<IReadOnlyList<CustomerView>> CustomersAsync(CancellationToken cancellationToken) =>
        (await db.Set<CoveredEntityCustomer>().AsNoTracking().OrderBy(c => c.SearchName).ToListAsync(cancellationToken)).Select(c => c.ToView()).ToList();
}
