using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Notifications;

/// <summary>How many of the signed-in user's notifications are unread (the badge in the navigation).</summary>
public sealed class CountUnreadNotifications(AppDbContext db, ICurrentActor actor)
{
    public async Task<int> HandleAsync(CancellationToken cancellationToken) =>
        MyNotifications.TryGetUserId(actor, out var userId)
            ? await db.Set<InAppNotification>().CountAsync(n => n.RecipientId == userId && n.ReadAt == null, cancellationToken)
            : 0;
}
