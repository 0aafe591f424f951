using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

/// <summary>Removes a customer recorded by mistake or no longer served.</summary>
public sealed class RemoveCustomer(AppDbContext db)
{
    public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var removed = await db.Set<CoveredEntityCustomer>().Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            throw new RecordNotFoundException("customer", id.ToString());
        }
    }
}
