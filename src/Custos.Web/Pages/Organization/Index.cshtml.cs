using Custos.Modules.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Organization;

[Custos.Web.Hosting.RequirePermission(Custos.Platform.Authorization.Permissions.OrganizationRead)]
public sealed class IndexModel(GetOrganizationProfile getProfile) : PageModel
{
    public OrganizationOverview Overview { get; private set; } = new(null, null, null);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Overview = await getProfile.HandleAsync(cancellationToken);
}
