using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Incidents.Obligations;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <summary>One obligation of the case: what the shared rule set computed, with the case's status and proof of sending.</summary>
public sealed record IncidentObligationView(
    string Key,
    NotificationRecipient Recipient,
    string? Jurisdiction,
    DateOnly DueDate,
    string Basis,
    string Reasoning,
    ObligationStatus Status,
    string? CoveredEntity,
    bool WithoutUnreasonableDelay,
    DateOnly? DueDateBeforeDelay,
    bool StateRuleLoaded,
    int? AffectedIndividuals,
    DateOnly? SentOn,
    string? Method,
    string? Reference,
    string? Note,
    int DaysLeft);

/// <summary>The obligations of a case and on what footing: provisional until a determination is signed, none when it is not a breach.</summary>
public sealed record IncidentObligations(Guid IncidentId, string Footing, bool Provisional, IReadOnlyList<IncidentObligationView> Obligations);

/// <summary>
/// Computes the case's notification obligations with the one rule set every screen, API and the CLI share
/// (<see cref="BreachNotificationRules"/>), from the case's facts: the organization's role (its profile's entity type),
/// the affected covered-entity customers with their BAA windows and whether their BAAs delegate notices, the discovery date, the counts per State and any
/// law-enforcement delay. Recomputed on every read, so a changed fact moves every due date at once; the status and
/// proof of each obligation are kept by key. The clock runs from discovery even before the determination (HHS 2013
/// commentary), so obligations are shown as provisional until the Privacy Officer signs a determination.
/// </summary>
public sealed class GetIncidentObligations(AppDbContext db, BreachNotificationRules rules, IOrganizationDirectory organization, TimeProvider time)
{
    public async Task<IncidentObligations> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var incident = await db.Set<Incident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new Platform.Validation.RecordNotFoundException("incident", id.ToString());
        var determination = await db.Set<BreachAssessment>().AsNoTracking().Where(a => a.IncidentId == id && a.SignedAt != null)
            .OrderByDescending(a => a.Version).FirstOrDefaultAsync(cancellationToken);
        if (determination is not null && determination.Outcome != BreachOutcome.Breach)
        {
            return new IncidentObligations(id, $"No notice is required: {IncidentTerms.Name(determination.Outcome)} (signed determination version {determination.Version}, kept as the 164.414(b) record).", false, []);
        }

        var facts = await FactsAsync(incident, cancellationToken);
        var today = IncidentCase.Today(time);
        var computed = rules.Calculate(facts, today);
        var records = await db.Set<ObligationRecord>().AsNoTracking().Where(r => r.IncidentId == id).ToListAsync(cancellationToken);
        var views = computed.Select(o =>
        {
            var key = KeyOf(o);
            var record = records.FirstOrDefault(r => r.Key == key);
            return new IncidentObligationView(
                key, o.Recipient, o.Jurisdiction, o.DueDate, o.Basis, o.Reasoning, record?.Status ?? ObligationStatus.Pending, o.CoveredEntity,
                o.WithoutUnreasonableDelay, o.DueDateBeforeDelay, o.StateRuleLoaded, o.AffectedIndividuals,
                record?.SentOn, record?.Method, record?.Reference, record?.Note, o.DueDate.DayNumber - today.DayNumber);
        }).ToList();
        var footing = determination is null
            ? "Provisional: no determination is signed yet. The clocks run from discovery regardless (45 CFR 164.404(a)(2)); an impermissible disclosure is presumed a breach (164.402(2))."
            : $"Breach of unsecured PHI (signed determination version {determination.Version}).";
        return new IncidentObligations(id, footing, determination is null, views);
    }

    /// <summary>The rule set's facts from the case (<see cref="IncidentBreachFacts"/>).</summary>
    internal async Task<BreachFacts> FactsAsync(Incident incident, CancellationToken cancellationToken)
    {
        var profile = await organization.ProfileAsync(cancellationToken)
            ?? throw new Platform.Validation.InvalidRequestException("Organization",
                "Record the organization profile first: its entity type (covered entity or business associate) decides which notices apply.");
        var role = IncidentBreachFacts.RoleOf(profile);
        var counts = await db.Set<AffectedCountRevision>().AsNoTracking().Where(r => r.IncidentId == incident.Id)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        var customers = role == BreachRole.BusinessAssociate ? await organization.CustomersAsync(cancellationToken) : [];
        return IncidentBreachFacts.For(incident, role, customers, counts?.Counts);
    }

    /// <summary>Stable key of an obligation: recipient, then State, then covered entity.</summary>
    public static string KeyOf(NotificationObligation obligation)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        var recipient = obligation.Recipient switch
        {
            NotificationRecipient.CoveredEntity => "covered_entity",
            NotificationRecipient.Individuals => "individuals",
            NotificationRecipient.Secretary => "secretary",
            NotificationRecipient.Media => "media",
            NotificationRecipient.StateRegulator => "state_regulator",
            NotificationRecipient.StateIndividuals => "state_individuals",
            _ => obligation.Recipient.ToString(),
        };
        var key = recipient + (obligation.Jurisdiction is null ? string.Empty : ":" + obligation.Jurisdiction) + (obligation.CoveredEntity is null ? string.Empty : ":" + obligation.CoveredEntity);
        return key.Length > 120 ? key[..120] : key;
    }
}
