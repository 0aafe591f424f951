using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

public sealed record ChangeIncidentStatusCommand(IncidentStatus Status, string? Note = null);

/// <summary>
/// Moves a case along reported → triage → investigating → assessed → notifying → closed, only by the allowed
/// transitions. Assessed needs a signed breach determination; closing needs the post-incident review (root cause and
/// lessons learned). Closing tells every <see cref="IIncidentReviewListener"/> (the Risk module's seam).
/// </summary>
public sealed class ChangeIncidentStatus(AppDbContext db, ICurrentActor actor, IEnumerable<IIncidentReviewListener> listeners, TimeProvider time)
{
    public async Task<IncidentSummaryView> HandleAsync(Guid id, ChangeIncidentStatusCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Status));
        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        var from = incident.Status;
        if (from == command.Status)
        {
            throw new InvalidRequestException(nameof(command.Status), $"The incident is already {IncidentTerms.Name(from)}.");
        }

        if (!IncidentRules.CanMove(from, command.Status))
        {
            var allowed = string.Join(", ", IncidentRules.AllowedTransitions[from].Select(IncidentTerms.Name));
            throw new InvalidRequestException(nameof(command.Status),
                $"An incident cannot go from {IncidentTerms.Name(from)} to {IncidentTerms.Name(command.Status)}; from {IncidentTerms.Name(from)} it can go to: {allowed}.");
        }

        if (command.Status == IncidentStatus.Assessed &&
            !await db.Set<BreachAssessment>().AnyAsync(a => a.IncidentId == id && a.SignedAt != null, cancellationToken))
        {
            throw new InvalidRequestException(nameof(command.Status),
                "Record the breach assessment and have the Privacy Officer sign it off before marking the incident assessed (45 CFR 164.402, 164.414(b)).");
        }

        if (command.Status == IncidentStatus.Closed && (incident.RootCause is null || incident.LessonsLearned is null))
        {
            throw new InvalidRequestException(nameof(command.Status),
                "Write the post-incident review (root cause and lessons learned) before closing the incident.");
        }

        var now = time.GetUtcNow();
        incident.MoveTo(command.Status, now);
        var note = string.IsNullOrWhiteSpace(command.Note) ? string.Empty : $" Note: {command.Note.Trim()}";
        IncidentCase.Log(db, incident, TimelineEntryKind.StatusChanged, $"Status {IncidentTerms.Name(from)} → {IncidentTerms.Name(command.Status)}.{note}", person, now);
        await db.SaveChangesAsync(cancellationToken);

        if (command.Status == IncidentStatus.Closed)
        {
            var review = new IncidentReviewed(incident.Id, incident.Summary, incident.RootCause!, incident.LessonsLearned!, now);
            foreach (var listener in listeners)
            {
                await listener.IncidentReviewedAsync(review, cancellationToken);
            }
        }

        return incident.ToSummary();
    }
}
