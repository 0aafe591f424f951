using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

public sealed class UpdateCustomer(AppDbContext db, TimeProvider time)
{
    public async Task<CustomerView> HandleAsync(Guid id, CustomerDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var customer = await db.Set<CoveredEntityCustomer>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException("customer", id.ToString());
        await new CustomerDetailsValidator(time).ValidateOrThrowAsync(details, cancellationToken);
        await CustomerNames.EnsureUniqueAsync(db, details.Name, exceptId: id, cancellationToken);

        customer.Describe(CustomerNames.Normalize(details), time.GetUtcNow());
        await CustomerNames.SaveAsync(db, details.Name, cancellationToken);
        return customer.ToView();
    }
}
