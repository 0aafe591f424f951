using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;

namespace Custos.Modules.Incidents;

public sealed record RecordPostIncidentReviewCommand(string RootCause, string LessonsLearned);

/// <summary>The post-incident review (45 CFR 164.308(a)(6)(ii) document outcomes; 164.308(a)(8) evaluation): required to close.</summary>
public sealed class RecordPostIncidentReview(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task HandleAsync(Guid id, RecordPostIncidentReviewCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.RootCause));
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(command.RootCause) || command.RootCause.Length > 4000)
        {
            errors[nameof(command.RootCause)] = ["Write the root cause (1 to 4,000 characters)."];
        }

        if (string.IsNullOrWhiteSpace(command.LessonsLearned) || command.LessonsLearned.Length > 4000)
        {
            errors[nameof(command.LessonsLearned)] = ["Write the lessons learned (1 to 4,000 characters)."];
        }

        if (errors.Count > 0)
        {
            throw new InvalidRequestException(errors);
        }

        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        incident.Review(command.RootCause, command.LessonsLearned, person.DisplayName, now);
        IncidentCase.Log(db, incident, TimelineEntryKind.Review, "Post-incident review recorded (root cause and lessons learned).", person, now);
        await db.SaveChangesAsync(cancellationToken);
    }
}
