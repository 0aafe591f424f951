using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Safeguards;

internal sealed class RequirementDirectory(AppDbContext db) : IRequirementDirectory
{
    public async Task<RequirementFacts?> FindAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (HipaaCatalog.Load().Find(key) is { } requirement)
        {
            return new RequirementFacts(requirement.Key, requirement.Citation, requirement.Title, requirement.EvidenceFreshnessDays);
        }

        if (!RequirementKey.IsCustom(key))
        {
            return null;
        }

        var custom = await db.Set<CustomRequirement>().AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, cancellationToken);
        return custom is null ? null : new RequirementFacts(custom.Key, custom.Key[RequirementKey.CustomPrefix.Length..], custom.Title, custom.EvidenceFreshnessDays);
    }
}

/// <summary>The status seam of <c>custos catalog list</c>: the implementation status of every requirement.</summary>
internal sealed class ImplementationStatusSource(AppDbContext db) : IRequirementStatusSource
{
    public async Task<IReadOnlyDictionary<string, string>> GetStatusesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<ControlImplementation>().AsNoTracking().Select(i => new { i.RequirementKey, i.Status }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.RequirementKey, r => Name(r.Status), StringComparer.Ordinal);
    }

    internal static string Name(ImplementationStatus status) => status switch
    {
        ImplementationStatus.Planned => RequirementStatusNames.Planned,
        ImplementationStatus.PartiallyImplemented => RequirementStatusNames.PartiallyImplemented,
        ImplementationStatus.Implemented => RequirementStatusNames.Implemented,
        ImplementationStatus.NotApplicable => RequirementStatusNames.NotApplicable,
        _ => RequirementStatusNames.NotAssessed,
    };
}
