using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <summary>One breach in the register, with the fields the Secretary's breach report form asks for (portal sections 3 and 4).</summary>
public sealed record BreachRegisterEntry(
    Guid IncidentId,
    string Reference,
    string Summary,
    DateOnly? BreachStart,
    DateOnly? BreachEnd,
    DateOnly DiscoveredOn,
    int? IndividualsAffected,
    string? StatesAffected,
    string? TypeOfBreach,
    string? Location,
    string PhiTypes,
    string? SafeguardsInPlace,
    string? ActionsTaken,
    bool MediaNoticeRequired,
    bool SubstituteNoticeRequired,
    DateOnly SecretaryDueOn,
    string? SecretaryReportedOn,
    DateTimeOffset DeterminedAt,
    string DeterminedBy,
    DateOnly RetainUntil);

/// <summary>The annual submission to the Secretary of breaches of fewer than 500 (164.408(c)), for one calendar year of discovery.</summary>
public sealed record AnnualBreachReport(int Year, DateOnly DueOn, IReadOnlyList<BreachRegisterEntry> Breaches);

/// <summary>
/// The breach register: every incident whose signed determination is a breach of unsecured PHI, kept (never deleted
/// by Custos) at least six years (45 CFR 164.530(j)(2)), with the Secretary's form fields; and the annual report of
/// breaches under 500 per calendar year of discovery, due 60 days after the year ends (164.408(c)): March 1, or
/// February 29 when the next year is a leap year.
/// </summary>
public sealed class GetBreachRegister(AppDbContext db)
{
    public async Task<IReadOnlyList<BreachRegisterEntry>> HandleAsync(int? year, CancellationToken cancellationToken)
    {
        var signed = await db.Set<BreachAssessment>().AsNoTracking().Where(a => a.SignedAt != null).ToListAsync(cancellationToken);
        var determinations = signed.GroupBy(a => a.IncidentId).Select(g => g.MaxBy(a => a.Version)!).Where(a => a.Outcome == BreachOutcome.Breach)
            .ToDictionary(a => a.IncidentId);
        var ids = determinations.Keys.ToList();
        var incidents = await db.Set<Incident>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
        var counts = await db.Set<AffectedCountRevision>().AsNoTracking().Where(r => ids.Contains(r.IncidentId)).ToListAsync(cancellationToken);
        var secretary = await db.Set<ObligationRecord>().AsNoTracking()
            .Where(r => ids.Contains(r.IncidentId) && r.Key == "secretary" && r.Status == ObligationStatus.Sent).ToListAsync(cancellationToken);
        return incidents
            .Where(i => year is null || i.DiscoveredOn.Year == year)
            .OrderBy(i => i.DiscoveredOn).ThenBy(i => i.Reference)
            .Select(i =>
            {
                var d = determinations[i.Id];
                var current = counts.Where(r => r.IncidentId == i.Id).MaxBy(r => r.Number);
                var total = current?.Total ?? i.EstimatedIndividuals;
                var sent = secretary.FirstOrDefault(r => r.IncidentId == i.Id);
                return new BreachRegisterEntry(
                    i.Id, i.Reference, i.Summary, i.OccurredOn, i.OccurredUntil, i.DiscoveredOn, total,
                    current is null ? null : AffectedCountRevision.Format(current.Counts),
                    i.BreachType, i.BreachLocation, string.Join("; ", i.PhiTypeCodes.Select(PhiTypes.Name)), i.SafeguardsInPlace, i.ActionsTaken,
                    current?.Counts.Values.Any(v => v > 500) == true, // 164.406(a): more than 500 residents of a State
                    i.OutOfDateContacts > 0,
                    SecretaryDueOn(i.DiscoveredOn, total),
                    sent?.SentOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    d.SignedAt!.Value, d.SignedByName ?? string.Empty,
                    DateOnly.FromDateTime((i.ClosedAt ?? d.SignedAt.Value).UtcDateTime).AddYears(IncidentRules.RetentionYears));
            }).ToList();
    }

    /// <summary>Breaches of fewer than 500 individuals discovered in <paramref name="year"/> (164.408(c)).</summary>
    public async Task<AnnualBreachReport> AnnualReportAsync(int year, CancellationToken cancellationToken)
    {
        var all = await HandleAsync(year, cancellationToken);
        return new AnnualBreachReport(year, AnnualDueOn(year), all.Where(b => (b.IndividualsAffected ?? 0) < 500).ToList());
    }

    /// <summary>December 31 of the year of discovery plus 60 calendar days (164.408(c)).</summary>
    public static DateOnly AnnualDueOn(int year) => new DateOnly(year, 12, 31).AddDays(60);

    /// <summary>500 or more: with the individual notices, at most 60 days after discovery (164.408(b)); fewer: the annual date.</summary>
    public static DateOnly SecretaryDueOn(DateOnly discoveredOn, int? individuals) =>
        individuals >= 500 ? discoveredOn.AddDays(60) : AnnualDueOn(discoveredOn.Year);
}
