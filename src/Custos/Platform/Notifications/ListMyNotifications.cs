using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Notifications;

/// <summary>The signed-in user's notifications, newest first (at most 100), and how many are unread.</summary>
public sealed class ListMyNotifications(AppDbContext db, ICurrentActor actor)
{
    public const int Limit = 100;

    public async Task<IReadOnlyList<NotificationView>> HandleAsync(CancellationToken cancellationToken)
    {
        if (!MyNotifications.TryGetUserId(actor, out var userId))
        {
            return [];
        }

        var items = await db.Set<InAppNotification>().AsNoTracking().Where(n => n.RecipientId == userId)
            .OrderByDescending(n => n.Id).Take(Limit).ToListAsync(cancellationToken);
        return items.Select(n => n.ToView()).ToList();
    }
}
