using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Notifications;

/// <summary>Marks all of the signed-in user's notifications read.</summary>
public sealed class MarkNotificationsRead(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        if (!MyNotifications.TryGetUserId(actor, out var userId))
        {
            return 0;
        }

        var unread = await db.Set<InAppNotification>().Where(n => n.RecipientId == userId && n.ReadAt == null).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        unread.ForEach(n => n.MarkRead(now));
        await db.SaveChangesAsync(cancellationToken);
        return unread.Count;
    }
}
