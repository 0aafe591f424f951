using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <summary>
/// One case with its timeline, tasks, evidence, counts and assessments. The PHI details are read (and that read
/// recorded in the audit ledger) only when <c>revealSensitive</c> is true: the host passes whether the viewer holds
/// incidents.phi.read (45 CFR 164.502(b) minimum necessary; 164.312(b)).
/// </summary>
public sealed class GetIncident(AppDbContext db)
{
    public async Task<IncidentCaseView> HandleAsync(Guid id, bool revealSensitive, CancellationToken cancellationToken)
    {
        var incident = await db.Set<Incident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new Platform.Validation.RecordNotFoundException("incident", id.ToString());

        IncidentSensitiveView? sensitive = null;
        if (revealSensitive)
        {
            var details = await db.Set<IncidentDetails>().AsNoTracking().SingleAsync(d => d.IncidentId == id, cancellationToken);
            var messages = await db.Set<IncidentReporterMessage>().AsNoTracking().Where(m => m.IncidentId == id)
                .OrderBy(m => m.At).ToListAsync(cancellationToken);
            sensitive = new IncidentSensitiveView(details.Description, details.PhiSpecifics, details.AffectedPeople,
                messages.Select(m => new ReporterMessageView(m.At, m.Text)).ToList());
        }

        var timeline = await db.Set<IncidentTimelineEntry>().AsNoTracking().Where(e => e.IncidentId == id)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var tasks = await db.Set<IncidentTask>().AsNoTracking().Where(t => t.IncidentId == id).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        var evidence = await db.Set<EvidenceItem>().AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.RecordedAt).ToListAsync(cancellationToken);
        var evidenceIds = evidence.Select(e => e.Id).ToList();
        var transfers = await db.Set<EvidenceCustodyTransfer>().AsNoTracking().Where(t => evidenceIds.Contains(t.EvidenceId))
            .OrderBy(t => t.At).ToListAsync(cancellationToken);
        var counts = await db.Set<AffectedCountRevision>().AsNoTracking().Where(r => r.IncidentId == id)
            .OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        var assessments = await db.Set<BreachAssessment>().AsNoTracking().Where(a => a.IncidentId == id)
            .OrderByDescending(a => a.Version).ToListAsync(cancellationToken);

        var current = counts.FirstOrDefault();
        return new IncidentCaseView(
            incident.ToSummary(current?.Total),
            incident.OccurredOn,
            incident.OccurredUntil,
            incident.PhiInvolved,
            incident.EstimatedIndividuals,
            incident.IsAnonymous,
            incident.PhiTypeCodes,
            incident.AffectedCustomerIds,
            incident.Agency,
            incident.CoveredEntityLearnedOn,
            incident.DelayStatement is { } statement && incident.DelayFrom is { } from
                ? new LawEnforcementDelayView(statement, from, incident.DelayUntil, incident.DelayOfficial)
                : null,
            incident.BreachType,
            incident.BreachLocation,
            incident.SafeguardsInPlace,
            incident.ActionsTaken,
            incident.ProtectiveSteps,
            incident.OutOfDateContacts,
            incident.RootCause,
            incident.LessonsLearned,
            incident.ClosedAt,
            sensitive,
            timeline.Select(e => new TimelineEntryView(e.At, e.Kind, e.Text, e.ActorName)).ToList(),
            tasks.Select(t => new IncidentTaskView(t.Id, t.Kind, t.Title, t.OwnerName, t.DueOn, t.CompletedAt)).ToList(),
            evidence.Select(e => new EvidenceView(e.Id, e.Description, e.CollectedBy, e.CollectedAt, e.Sha256, e.FileName, e.SizeBytes, e.Custodian,
                transfers.Where(t => t.EvidenceId == e.Id).Select(t => new CustodyTransferView(t.From, t.To, t.At, t.Reason, t.RecordedBy)).ToList())).ToList(),
            current?.ToView(),
            counts.Select(r => r.ToView()).ToList(),
            assessments.Select(a => a.ToView()).ToList());
    }
}
