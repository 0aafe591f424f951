using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <summary>What every case handler shares: finding the case, and writing the timeline entry for each change.</summary>
internal static class IncidentCase
{
    public static async Task<Incident> FindAsync(AppDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Set<Incident>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
        ?? throw new RecordNotFoundException("incident", id.ToString());

    public static void Log(AppDbContext db, Incident incident, TimelineEntryKind kind, string text, Actor actor, DateTimeOffset now) =>
        db.Add(new IncidentTimelineEntry(Guid.CreateVersion7(now), incident.Id, kind, text.Length > 4000 ? text[..4000] : text, actor.DisplayName, now));

    /// <summary>The person acting; only people (and operators) change cases.</summary>
    public static Actor RequirePerson(ICurrentActor actor, string field)
    {
        if (actor.Actor.Kind is ActorKind.Anonymous or ActorKind.System)
        {
            throw new InvalidRequestException(field, "Sign in to work on incidents.");
        }

        return actor.Actor;
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
