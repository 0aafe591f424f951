using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

public sealed class GetCustomer(AppDbContext db)
{
    public async Task<CustomerView> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var customer = await db.Set<CoveredEntityCustomer>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException("customer", id.ToString());
        return customer.ToView();
    }
}
