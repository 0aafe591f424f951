using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <param name="ReceiptCode">The code shown when the report was made.</param>
/// <param name="Addition">More information to add, or empty to only see the status.</param>
public sealed record FollowUpAnonymousReportCommand(string ReceiptCode, string? Addition = null);

/// <summary>What an anonymous reporter may see: the status, never the case's contents.</summary>
public sealed record AnonymousReportStatus(string Reference, IncidentStatus Status, DateTimeOffset ReportedAt, int AdditionsCount, bool Added);

/// <summary>An anonymous reporter checks the status of their report and adds information, with the receipt code only.</summary>
public sealed class FollowUpAnonymousReport(AppDbContext db, TimeProvider time)
{
    public async Task<AnonymousReportStatus> HandleAsync(FollowUpAnonymousReportCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.ReceiptCode))
        {
            throw new InvalidRequestException(nameof(command.ReceiptCode), "Enter the receipt code you were given when you reported.");
        }

        if (command.Addition is { Length: > 20000 })
        {
            throw new InvalidRequestException(nameof(command.Addition), "Keep the addition under 20,000 characters.");
        }

        var hash = ReceiptCodes.Hash(command.ReceiptCode);
        var incident = await db.Set<Incident>().SingleOrDefaultAsync(i => i.ReceiptHash == hash, cancellationToken)
            ?? throw new InvalidRequestException(nameof(command.ReceiptCode), "No report matches this receipt code. Check it letter by letter (dashes do not matter).");

        var added = !string.IsNullOrWhiteSpace(command.Addition);
        if (added)
        {
            var now = time.GetUtcNow();
            db.Add(new IncidentReporterMessage(Guid.CreateVersion7(now), incident.Id, command.Addition!.Trim(), now));
            IncidentCase.Log(db, incident, TimelineEntryKind.ReporterAddedInformation, "The anonymous reporter added information (restricted).", Actor.Anonymous, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        var count = await db.Set<IncidentReporterMessage>().CountAsync(m => m.IncidentId == incident.Id, cancellationToken);
        return new AnonymousReportStatus(incident.Reference, incident.Status, incident.ReportedAt, count, added);
    }
}
