using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;

namespace Custos.Modules.Safeguards;

/// <summary>Readiness of one family: met out of applicable (standards and specifications alike).</summary>
public sealed record FamilyReadiness(RequirementFamily Family, int Applicable, int Met, int NotAssessed, int NotApplicable)
{
    public int Percent => Applicable == 0 ? 100 : (int)Math.Floor(Met * 100.0 / Applicable);
}

/// <summary>
/// Readiness against a switched-on proposed profile (the January 2025 NPRM): reported on its own, never mixed into
/// the readiness of the rules in force.
/// </summary>
/// <param name="Notice">"Proposed (NPRM Jan 2025), not yet law".</param>
public sealed record ProposedReadiness(string Notice, int Applicable, int Met, int NotAssessed, IReadOnlyList<RequirementRow> Rows)
{
    public int Percent => Applicable == 0 ? 100 : (int)Math.Floor(Met * 100.0 / Applicable);
}

/// <summary>
/// The posture dashboard: readiness per family and the counts that need attention, for the rules in force only.
/// <see cref="Rows"/> holds the requirements in force; proposed ones are in <see cref="Proposed"/>.
/// </summary>
public sealed record Posture(
    DateOnly AsOf,
    IReadOnlyList<FamilyReadiness> Families,
    int Applicable,
    int Met,
    int NotAssessed,
    int StaleEvidence,
    int OverdueReviews,
    IReadOnlyList<RequirementRow> Rows,
    IReadOnlyList<ProposedReadiness> Proposed)
{
    public int Percent => Applicable == 0 ? 100 : (int)Math.Floor(Met * 100.0 / Applicable);
}

/// <summary>Readiness per family (administrative, physical, technical, organizational, documentation, privacy, breach notification).</summary>
public sealed class GetPosture(RequirementRegister register)
{
    public async Task<Posture> HandleAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var view = await register.BuildAsync(asOf, cancellationToken);

        // Proposed requirements are not law: they never count toward (or against) readiness under the rules in force.
        var inForce = view.InForce;

        // A standard with specifications is judged from them; only what is assessed on its own counts as not assessed.
        var parents = view.Rows.Where(r => r.ParentKey is not null).Select(r => r.ParentKey!).ToHashSet(StringComparer.Ordinal);
        bool NotAssessed(RequirementRow r) => r.Implementation.Status == ImplementationStatus.NotAssessed && !parents.Contains(r.Key);
        var families = Enum.GetValues<RequirementFamily>().Select(family =>
        {
            var rows = inForce.Where(r => r.Family == family).ToList();
            var applicable = rows.Where(r => r.Compliance != ComplianceVerdict.NotApplicable).ToList();
            return new FamilyReadiness(family, applicable.Count, applicable.Count(r => r.Compliance == ComplianceVerdict.Met),
                rows.Count(NotAssessed), rows.Count - applicable.Count);
        }).ToList();
        var inScope = inForce.Where(r => r.Compliance != ComplianceVerdict.NotApplicable).ToList();
        var proposed = view.Proposed.GroupBy(r => r.ProposedNotice!, StringComparer.Ordinal).Select(g =>
        {
            var rows = g.ToList();
            var applicable = rows.Where(r => r.Compliance != ComplianceVerdict.NotApplicable).ToList();
            return new ProposedReadiness(g.Key, applicable.Count, applicable.Count(r => r.Compliance == ComplianceVerdict.Met), rows.Count(NotAssessed), rows);
        }).ToList();
        return new Posture(
            view.AsOf,
            families,
            inScope.Count,
            inScope.Count(r => r.Compliance == ComplianceVerdict.Met),
            inForce.Count(NotAssessed),
            inForce.Sum(r => r.StaleEvidence),
            inForce.Count(r => r.ReviewOverdue),
            inForce,
            proposed);
    }
}
