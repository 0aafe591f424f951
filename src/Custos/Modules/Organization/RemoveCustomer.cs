using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

/// <summary>Removes a customer recorded by mistake or no longer served.</summary>
public sealed class RemoveCustomer(AppDbContext db)
{
    public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        // Through SaveChanges, not ExecuteDelete: the audit ledger records the removal in the same transaction.
        var customer = await db.Set<CoveredEntityCustomer>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException("customer", id.ToString());
        db.Remove(customer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Removed by someone else in the meantime.
            throw new RecordNotFoundException("customer", id.ToString());
        }
    }
}
