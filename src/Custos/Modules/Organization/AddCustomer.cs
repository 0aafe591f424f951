using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

/// <summary>Records a covered entity the organization serves, with the BAA's breach-notice window and contacts.</summary>
public sealed class AddCustomer(AppDbContext db, TimeProvider time)
{
    public async Task<CustomerView> HandleAsync(CustomerDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        await new CustomerDetailsValidator(time).ValidateOrThrowAsync(details, cancellationToken);
        await CustomerNames.EnsureUniqueAsync(db, details.Name, exceptId: null, cancellationToken);

        var now = time.GetUtcNow();
        var customer = new CoveredEntityCustomer(Guid.CreateVersion7(now), now);
        customer.Describe(CustomerNames.Normalize(details), now);
        db.Add(customer);
        await CustomerNames.SaveAsync(db, details.Name, cancellationToken);
        return customer.ToView();
    }
}

internal static class CustomerNames
{
    public static async Task EnsureUniqueAsync(AppDbContext db, string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var searchName = CoveredEntityCustomer.ToSearchName(name);
        if (await db.Set<CoveredEntityCustomer>().AnyAsync(c => c.SearchName == searchName && c.Id != exceptId, cancellationToken))
        {
            throw Duplicate(name);
        }
    }

    /// <summary>Saves, turning a lost race on the unique name into the same message the check gives.</summary>
    public static async Task SaveAsync(AppDbContext db, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw Duplicate(name);
        }
    }

    public static CustomerDetails Normalize(CustomerDetails d) => d with
    {
        BreachNoticeContact = OrganizationText.Normalize(d.BreachNoticeContact),
        RightsRequestContact = d.RightsRequestContact is null ? null : OrganizationText.Normalize(d.RightsRequestContact),
    };

    private static InvalidRequestException Duplicate(string name) =>
        new(nameof(CustomerDetails.Name), $"A customer named '{name.Trim()}' already exists. Edit that one, or use a distinguishing name.");
}
