using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;

namespace Custos.Modules.Incidents;

public sealed record ChangeIncidentSeverityCommand(IncidentSeverity Severity, string Reason);

/// <summary>Triage sets the severity by judgement, with a reason; raising it to the alert level notifies the officers.</summary>
public sealed class ChangeIncidentSeverity(AppDbContext db, ICurrentActor actor, SeverityCriteria criteria, IncidentAlerts alerts, TimeProvider time)
{
    public async Task<IncidentSummaryView> HandleAsync(Guid id, ChangeIncidentSeverityCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Severity));
        if (!Enum.IsDefined(command.Severity))
        {
            throw new InvalidRequestException(nameof(command.Severity), "Choose low, medium, high or critical.");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new InvalidRequestException(nameof(command.Reason), "Say why the severity changes.");
        }

        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        var from = incident.Severity;
        if (from == command.Severity)
        {
            throw new InvalidRequestException(nameof(command.Severity), $"The severity is already {from}.");
        }

        var now = time.GetUtcNow();
        incident.SetSeverity(command.Severity, now);
        IncidentCase.Log(db, incident, TimelineEntryKind.SeverityChanged, $"Severity {from} → {command.Severity}. Reason: {command.Reason.Trim()}", person, now);
        await db.SaveChangesAsync(cancellationToken);
        if (!criteria.Alerts(from) && criteria.Alerts(command.Severity))
        {
            await alerts.NotifyOfficersAsync(
                new NotificationMessage($"Incident {incident.Reference} raised to {command.Severity}", $"{person.DisplayName} raised the severity of {incident.Reference} from {from} to {command.Severity}.", $"/incidents/{incident.Id}"),
                cancellationToken);
        }

        return incident.ToSummary();
    }
}
