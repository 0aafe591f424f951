using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Safeguards;

/// <summary>Hides a catalog upgrade report's banner; the report itself stays readable. Dismissing twice keeps the first.</summary>
public sealed class DismissCatalogUpgradeReport(AppDbContext db, TimeProvider time, ICurrentActor actor)
{
    public async Task<CatalogUpgradeReport> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var upgrade = await db.Set<CatalogUpgrade>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException("catalog upgrade report", id.ToString());
        if (upgrade.DismissedAt is null)
        {
            upgrade.Dismiss(time.GetUtcNow(), actor.Actor.DisplayName);
            await db.SaveChangesAsync(cancellationToken);
        }

        return GetCatalogUpgradeReports.ToReport(upgrade);
    }
}
