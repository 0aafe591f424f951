using System.Globalization;
using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Incidents.Obligations;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <summary>One breach in the register, with the fields the Secretary's breach report form asks for (portal sections 3 and 4).</summary>
/// <param name="SecretaryDueOn">
/// The notice to the Secretary as the shared rule set computes it (45 CFR 164.408, moved by any law-enforcement delay
/// under 164.412); the earliest when the organization gives it for several covered entities. Null when the organization
/// owes no notice to the Secretary: a business associate whose affected customers' BAAs do not delegate it.
/// </param>
/// <param name="SecretaryReportedOn">The date the Secretary notice was recorded as sent (the latest, once every one is sent).</param>
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
    DateOnly? SecretaryDueOn,
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
public sealed class GetBreachRegister(AppDbContext db, BreachNotificationRules rules, IOrganizationDirectory organization)
{
    public async Task<IReadOnlyList<BreachRegisterEntry>> HandleAsync(int? year, CancellationToken cancellationToken)
    {
        var signed = await db.Set<BreachAssessment>().AsNoTracking().Where(a => a.SignedAt != null).ToListAsync(cancellationToken);
        var determinations = signed.GroupBy(a => a.IncidentId).Select(g => g.MaxBy(a => a.Version)!).Where(a => a.Outcome == BreachOutcome.Breach)
            .ToDictionary(a => a.IncidentId);
        var ids = determinations.Keys.ToList();
        var incidents = await db.Set<Incident>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
        var counts = await db.Set<AffectedCountRevision>().AsNoTracking().Where(r => ids.Contains(r.IncidentId)).ToListAsync(cancellationToken);
        var records = await db.Set<ObligationRecord>().AsNoTracking()
            .Where(r => ids.Contains(r.IncidentId) && r.Status == ObligationStatus.Sent).ToListAsync(cancellationToken);
        var profile = incidents.Count == 0 ? null : await organization.ProfileAsync(cancellationToken);
        var role = profile is null ? (BreachRole?)null : IncidentBreachFacts.RoleOf(profile);
        var customers = role == BreachRole.BusinessAssociate ? await organization.CustomersAsync(cancellationToken) : [];
        return incidents
            .Where(i => year is null || i.DiscoveredOn.Year == year)
            .OrderBy(i => i.DiscoveredOn).ThenBy(i => i.Reference)
            .Select(i =>
            {
                var d = determinations[i.Id];
                var current = counts.Where(r => r.IncidentId == i.Id).MaxBy(r => r.Number);
                var total = current?.Total ?? i.EstimatedIndividuals;
                var (secretaryDue, secretarySent) = role is { } r
                    ? Secretary(IncidentBreachFacts.For(i, r, customers, current?.Counts), records.Where(x => x.IncidentId == i.Id).ToList())
                    : (null, null);
                return new BreachRegisterEntry(
                    i.Id, i.Reference, i.Summary, i.OccurredOn, i.OccurredUntil, i.DiscoveredOn, total,
                    current is null ? null : AffectedCountRevision.Format(current.Counts),
                    i.BreachType, i.BreachLocation, string.Join("; ", i.PhiTypeCodes.Select(PhiTypes.Name)), i.SafeguardsInPlace, i.ActionsTaken,
                    current?.Counts.Values.Any(v => v > 500) == true, // 164.406(a): more than 500 residents of a State
                    i.OutOfDateContacts > 0,
                    secretaryDue,
                    secretarySent?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    d.SignedAt!.Value, d.SignedByName ?? string.Empty,
                    DateOnly.FromDateTime((i.ClosedAt ?? d.SignedAt.Value).UtcDateTime).AddYears(IncidentRules.RetentionYears));
            }).ToList();
    }

    // The Secretary notice from the shared rule set, so the register shows the date the case's obligations show
    // (164.408(b) or (c), moved by a 164.412 delay), and whether it was recorded as sent under the same key.
    private (DateOnly? Due, DateOnly? Sent) Secretary(BreachFacts facts, IReadOnlyList<ObligationRecord> sent)
    {
        var secretary = rules.Compute(facts).Where(o => o.Recipient == NotificationRecipient.Secretary).ToList();
        if (secretary.Count == 0)
        {
            return (null, null);
        }

        var sentOn = secretary.Select(o => sent.FirstOrDefault(r => r.Key == GetIncidentObligations.KeyOf(o))?.SentOn).ToList();
        return (secretary.Min(o => o.DueDate), sentOn.All(d => d is not null) ? sentOn.Max() : null);
    }

    /// <summary>
    /// Breaches of fewer than 500 individuals discovered in <paramref name="year"/> whose Secretary notice the
    /// organization itself owes (164.408(c)); a business associate's breach for a covered entity whose BAA does not
    /// delegate notices belongs in that covered entity's report, not in this one.
    /// </summary>
    public async Task<AnnualBreachReport> AnnualReportAsync(int year, CancellationToken cancellationToken)
    {
        var all = await HandleAsync(year, cancellationToken);
        return new AnnualBreachReport(year, AnnualDueOn(year), all.Where(b => (b.IndividualsAffected ?? 0) < 500 && b.SecretaryDueOn is not null).ToList());
    }

    /// <summary>December 31 of the year of discovery plus 60 calendar days (164.408(c)), from the shared rule set.</summary>
    public static DateOnly AnnualDueOn(int year) => BreachNotificationRules.AnnualDeadline(new DateOnly(year, 1, 1));
}
