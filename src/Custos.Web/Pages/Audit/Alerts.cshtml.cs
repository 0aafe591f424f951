using Custos.Platform.Audit;
using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Audit;

/// <summary>In-app notifications of the ledger's alert rules (45 CFR 164.308(a)(6)(ii): identify and respond).</summary>
[RequirePermission(Permissions.AuditRead)]
public sealed class AlertsModel(AuditAlertInbox inbox, ICurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IReadOnlyList<AuditAlertView> Alerts { get; private set; } = [];

    public bool CanManage => User.HasPermission(Permissions.AuditManage);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Alerts = await inbox.ListAsync(openOnly: !All, 100, cancellationToken);

    public async Task<IActionResult> OnPostAcknowledgeAsync(long id, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        await inbox.AcknowledgeAsync(id, actor.Actor, cancellationToken);
        return RedirectToPage();
    }
}
