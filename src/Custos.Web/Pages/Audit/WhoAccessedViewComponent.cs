using Custos.Platform.Audit;
using Custos.Platform.Authorization;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Custos.Web.Pages.Audit;

/// <summary>
/// The "who accessed this record" panel any module's detail page shows with one line:
/// <c>@await Component.InvokeAsync("WhoAccessed", new { resourceType = "CoveredEntityCustomer", resourceId = id })</c>.
/// Shown only to those who may read the audit ledger.
/// </summary>
public sealed class WhoAccessedViewComponent(AuditLedgerReader reader) : ViewComponent
{
    public const int Limit = 20;

    public async Task<IViewComponentResult> InvokeAsync(string resourceType, string resourceId)
    {
        if (!UserClaimsPrincipal.HasPermission(Permissions.AuditRead))
        {
            return Content(string.Empty);
        }

        var page = await reader.WhoAccessedAsync(resourceType, resourceId, Limit, HttpContext.RequestAborted);
        return View("/Pages/Audit/_WhoAccessed.cshtml", new WhoAccessedPanel(resourceType, resourceId, page));
    }
}

public sealed record WhoAccessedPanel(string ResourceType, string ResourceId, AuditPage Page);
