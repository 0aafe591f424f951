using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <param name="Key">The obligation's key, from <see cref="IncidentObligationView.Key"/>.</param>
/// <param name="Status">Sent (with date and method) or not required (with a note), or back to pending.</param>
/// <param name="SentOn">The day the notice went out.</param>
/// <param name="Method">How: first-class mail, email, portal, press release, substitute notice...</param>
/// <param name="Reference">Proof: a portal transaction number, a mailing batch, a message id.</param>
/// <param name="Note">Why it is not required, or anything else worth keeping.</param>
public sealed record RecordObligationStatusCommand(string Key, ObligationStatus Status, DateOnly? SentOn = null, string? Method = null, string? Reference = null, string? Note = null);

/// <summary>
/// Records that a notice was sent (date, method, reference) or is not required: the proof that all notifications were
/// made, whose burden the organization bears (45 CFR 164.414(b); 164.530(j) documentation).
/// </summary>
public sealed class RecordObligationStatus(AppDbContext db, GetIncidentObligations obligations, ICurrentActor actor, TimeProvider time)
{
    public async Task<IncidentObligationView> HandleAsync(Guid id, RecordObligationStatusCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Status));
        var current = (await obligations.HandleAsync(id, cancellationToken)).Obligations.FirstOrDefault(o => o.Key == command.Key)
            ?? throw new InvalidRequestException(nameof(command.Key), "The incident has no such obligation now; reload the obligations and choose one of them.");
        if (!Enum.IsDefined(command.Status))
        {
            throw new InvalidRequestException(nameof(command.Status), "Choose pending, sent or not required.");
        }

        if (command.Status == ObligationStatus.Sent)
        {
            if (command.SentOn is not { } sentOn)
            {
                throw new InvalidRequestException(nameof(command.SentOn), "Give the date the notice was sent.");
            }

            if (sentOn > IncidentCase.Today(time))
            {
                throw new InvalidRequestException(nameof(command.SentOn), "The sending date cannot be in the future.");
            }

            if (string.IsNullOrWhiteSpace(command.Method))
            {
                throw new InvalidRequestException(nameof(command.Method), "Say how it was sent (for example first-class mail, email, HHS portal).");
            }
        }

        if (command.Status == ObligationStatus.NotRequired && string.IsNullOrWhiteSpace(command.Note))
        {
            throw new InvalidRequestException(nameof(command.Note), "Say why this notice is not required: it is part of the burden-of-proof record.");
        }

        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        var record = await db.Set<ObligationRecord>().SingleOrDefaultAsync(r => r.IncidentId == id && r.Key == command.Key, cancellationToken);
        if (record is null)
        {
            record = new ObligationRecord(Guid.CreateVersion7(now), id, command.Key, now, person.DisplayName);
            db.Add(record);
        }

        record.Record(command.Status, command.SentOn, command.Method, command.Reference, command.Note, person.DisplayName, now);
        IncidentCase.Log(db, incident, TimelineEntryKind.Obligation,
            command.Status == ObligationStatus.Sent
                ? $"Notice {command.Key} sent on {command.SentOn:yyyy-MM-dd} by {command.Method!.Trim()}" + (string.IsNullOrWhiteSpace(command.Reference) ? "." : $" (reference {command.Reference.Trim()}).")
                : $"Notice {command.Key}: {IncidentTerms.Name(command.Status)}." + (string.IsNullOrWhiteSpace(command.Note) ? string.Empty : $" {command.Note.Trim()}"),
            person, now);
        await db.SaveChangesAsync(cancellationToken);
        return current with { Status = record.Status, SentOn = record.SentOn, Method = record.Method, Reference = record.Reference, Note = record.Note };
    }
}
