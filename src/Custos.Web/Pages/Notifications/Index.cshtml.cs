using Custos.Platform.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Notifications;

/// <summary>The signed-in user's notifications.</summary>
public sealed class IndexModel(ListMyNotifications list, MarkNotificationsRead markRead) : PageModel
{
    public IReadOnlyList<NotificationView> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Items = await list.HandleAsync(cancellationToken);

    public async Task<IActionResult> OnPostReadAsync(CancellationToken cancellationToken)
    {
        await markRead.HandleAsync(cancellationToken);
        return Redirect("/notifications");
    }
}
