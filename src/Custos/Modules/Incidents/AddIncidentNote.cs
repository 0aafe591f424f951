using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;

namespace Custos.Modules.Incidents;

/// <param name="Text">The note. Everyone with incidents.read sees notes: put PHI in the restricted details instead.</param>
public sealed record AddIncidentNoteCommand(string Text);

/// <summary>A manual note on the case's timeline.</summary>
public sealed class AddIncidentNote(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task HandleAsync(Guid id, AddIncidentNoteCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Text));
        if (string.IsNullOrWhiteSpace(command.Text) || command.Text.Length > 4000)
        {
            throw new InvalidRequestException(nameof(command.Text), "Write a note of 1 to 4,000 characters.");
        }

        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        IncidentCase.Log(db, incident, TimelineEntryKind.Note, command.Text.Trim(), person, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}
