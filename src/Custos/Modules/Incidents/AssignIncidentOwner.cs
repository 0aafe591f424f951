using Custos.Platform.Identity;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <param name="OwnerId">The user who owns the case from now on; null to leave it unowned.</param>
public sealed record AssignIncidentOwnerCommand(Guid? OwnerId);

/// <summary>Gives the case an owner (an enabled Custos user), who is told in-app.</summary>
public sealed class AssignIncidentOwner(AppDbContext db, ICurrentActor actor, INotifier notifier, TimeProvider time)
{
    public async Task<IncidentSummaryView> HandleAsync(Guid id, AssignIncidentOwnerCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.OwnerId));
        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        string? ownerName = null;
        if (command.OwnerId is { } ownerId)
        {
            var now0 = time.GetUtcNow();
            var user = await db.Users.AsNoTracking().Where(u => u.Id == ownerId && u.DisabledAt == null && (u.AccessEndsAt == null || u.AccessEndsAt > now0))
                .Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new InvalidRequestException(nameof(command.OwnerId), "Choose an enabled Custos user as the owner.");
            ownerName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName;
        }

        if (incident.OwnerId == command.OwnerId)
        {
            throw new InvalidRequestException(nameof(command.OwnerId), "That is already the owner.");
        }

        var now = time.GetUtcNow();
        var before = incident.OwnerName ?? "nobody";
        incident.AssignOwner(command.OwnerId, ownerName, now);
        IncidentCase.Log(db, incident, TimelineEntryKind.OwnerChanged, $"Owner {before} → {ownerName ?? "nobody"}.", person, now);
        await db.SaveChangesAsync(cancellationToken);
        if (command.OwnerId is { } owner)
        {
            await notifier.NotifyAsync([owner], new NotificationMessage($"You own incident {incident.Reference}", $"{person.DisplayName} made you the owner of {incident.Reference}: {incident.Summary}", $"/incidents/{incident.Id}"), cancellationToken);
        }

        return incident.ToSummary();
    }
}
