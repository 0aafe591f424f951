using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

/// <param name="ShortestWindowDays">The tightest BAA breach-notice window: the deadline that binds first in an incident.</param>
public sealed record CustomerSummary(int Count, int? ShortestWindowDays, IReadOnlyList<string> CustomersWithShortestWindow);

public sealed class SummarizeCustomers(AppDbContext db)
{
    public async Task<CustomerSummary> HandleAsync(CancellationToken cancellationToken)
    {
        var customers = db.Set<CoveredEntityCustomer>().AsNoTracking();
        var count = await customers.CountAsync(cancellationToken);
        if (count == 0)
        {
            return new CustomerSummary(0, null, []);
        }

        var shortest = await customers.MinAsync(c => c.NotificationWindowDays, cancellationToken);
        var names = await customers.Where(c => c.NotificationWindowDays == shortest)
            .OrderBy(c => c.SearchName).Select(c => c.Name).Take(5).ToListAsync(cancellationToken);
        return new CustomerSummary(count, shortest, names);
    }
}
