using Custos.Modules.Safeguards;
using Custos.Platform.Authorization;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Compliance;

/// <summary>The catalog upgrade reports (ADR 0022): what each upgrade of the built-in catalog added, changed and withdrew.</summary>
[RequirePermission(Permissions.ComplianceRead)]
public sealed class CatalogUpgradesModel(GetCatalogUpgradeReports reports, Modules.Safeguards.Catalog.RequirementCatalog catalog) : PageModel
{
    public IReadOnlyList<CatalogUpgradeReport> Reports { get; private set; } = [];

    public string CatalogVersion => catalog.Version;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Reports = await reports.HandleAsync(cancellationToken);
}
