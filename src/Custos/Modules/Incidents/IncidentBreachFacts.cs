using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Incidents.Obligations;
using Custos.Modules.Organization.Contracts;

namespace Custos.Modules.Incidents;

/// <summary>
/// The one translation of an incident case into the rule set's <see cref="BreachFacts"/>, shared by the case's
/// obligations (<see cref="GetIncidentObligations"/>), the reminders that read them and the breach register
/// (<see cref="GetBreachRegister"/>), so every screen, API and export shows the dates the same rules give for the
/// same facts.
/// </summary>
internal static class IncidentBreachFacts
{
    /// <summary>45 CFR 160.103: a business associate (or a subcontractor, which is one) notifies under 164.410; anyone else is the covered entity.</summary>
    public static BreachRole RoleOf(OrganizationProfileView profile) =>
        profile.EntityType is EntityType.BusinessAssociate or EntityType.SubcontractorBusinessAssociate ? BreachRole.BusinessAssociate : BreachRole.CoveredEntity;

    /// <summary>
    /// The facts of <paramref name="incident"/>: for a business associate, each affected covered-entity customer with
    /// its BAA window and whether its BAA delegates the covered entity's notices (Organization customers); the latest
    /// counts per State; agency, when the covered entity learned, and any law-enforcement delay.
    /// </summary>
    public static BreachFacts For(Incident incident, BreachRole role, IReadOnlyList<CustomerView> customers, IReadOnlyDictionary<string, int>? counts)
    {
        var coveredEntities = new List<AffectedCoveredEntity>();
        if (role == BreachRole.BusinessAssociate)
        {
            coveredEntities.AddRange(customers.Where(c => incident.AffectedCustomerIds.Contains(c.Id))
                .Select(c => new AffectedCoveredEntity(c.Name, c.NotificationWindowDays, c.DelegatesBreachNotices)));
            if (coveredEntities.Count == 0)
            {
                coveredEntities.Add(new AffectedCoveredEntity(null, null));
            }
        }

        return new BreachFacts
        {
            Role = role,
            DiscoveredOn = incident.DiscoveredOn,
            AffectedByJurisdiction = counts ?? new Dictionary<string, int>(),
            CoveredEntities = coveredEntities,
            BusinessAssociateIsAgent = incident.Agency switch
            {
                AgencyStatus.Agent => true,
                AgencyStatus.IndependentContractor => false,
                _ => null,
            },
            CoveredEntityLearnedOn = incident.CoveredEntityLearnedOn,
            LawEnforcementDelay = incident.DelayStatement is { } kind && incident.DelayFrom is { } from
                ? new LawEnforcementDelay(kind == LawEnforcementDelayKind.Written ? LawEnforcementStatement.Written : LawEnforcementStatement.Oral, from, incident.DelayUntil)
                : null,
        };
    }
}
