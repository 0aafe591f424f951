using Custos.Modules.Evidence.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Safeguards;

public sealed record ImplementationChangeView(DateTimeOffset ChangedAt, string ChangedBy, string What, string Before, string After);

/// <summary>One requirement with everything an implementer or an auditor reads on its page.</summary>
public sealed record RequirementDetail(
    RequirementRow Row,
    string Guidance,
    IReadOnlyList<string> TypicalEvidence,
    IReadOnlyList<RequirementRow> Specifications,
    IReadOnlyList<EvidenceFact> Evidence,
    IReadOnlyList<ImplementationLinkView> Links,
    IReadOnlyList<ImplementationChangeView> History);

/// <summary>A requirement of the register, as of a date (today by default).</summary>
public sealed class GetRequirement(AppDbContext db, RequirementRegister register)
{
    public async Task<RequirementDetail> HandleAsync(string key, DateOnly? asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var view = await register.BuildAsync(asOf, cancellationToken);
        var row = view.Rows.FirstOrDefault(r => string.Equals(r.Key, key, StringComparison.Ordinal))
            ?? throw new RecordNotFoundException("requirement", key);
        var catalogEntry = RequirementRegister.Catalog.Find(key);
        var guidance = catalogEntry?.Guidance
            ?? await db.Set<CustomRequirement>().AsNoTracking().Where(c => c.Key == key).Select(c => c.Guidance).FirstOrDefaultAsync(cancellationToken)
            ?? string.Empty;
        var endOfDay = RequirementIsMetOnlyWhenImplementedAndBackedByCurrentApprovedEvidence.EndOf(view.AsOf);
        var links = await db.Set<ImplementationLink>().AsNoTracking().Where(l => l.RequirementKey == key && l.AddedAt < endOfDay).ToListAsync(cancellationToken);
        var history = await db.Set<ImplementationChange>().AsNoTracking().Where(c => c.RequirementKey == key && c.ChangedAt < endOfDay).ToListAsync(cancellationToken);
        return new RequirementDetail(
            row,
            guidance,
            catalogEntry?.TypicalEvidence ?? [],
            [.. view.Rows.Where(r => string.Equals(r.ParentKey, key, StringComparison.Ordinal))],
            [.. view.Evidence.Where(e => e.RequirementKeys.Contains(key, StringComparer.Ordinal)).OrderByDescending(e => e.UploadedAt)],
            [.. links.OrderBy(l => l.AddedAt).Select(l => new ImplementationLinkView(l.Id, l.RequirementKey, l.Kind, l.Target, l.Title, l.AddedAt, l.AddedBy))],
            [.. history.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Select(c => new ImplementationChangeView(c.ChangedAt, c.ChangedBy, c.What, c.Before, c.After))]);
    }
}
