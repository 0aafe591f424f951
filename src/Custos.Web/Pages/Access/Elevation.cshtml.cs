using Custos.Modules.AccessGovernance;
using Custos.Platform.Authorization;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Access;

/// <summary>A workforce member may ask for a role for a while; someone else decides.</summary>
[RequirePermission(Permissions.ElevationRequest)]
public sealed class ElevationModel(RequestElevation request, ListElevations list) : PageModel
{
    public static readonly int[] Durations = [15, 30, 60, 120, 240, 480];

    [BindProperty]
    public ElevationInput Input { get; set; } = new();

    public IReadOnlyList<ElevationView> Mine { get; private set; } = [];

    public static IEnumerable<string> Roles => BuiltInRoles.All.Select(r => r.Name);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Mine = await list.HandleAsync(ElevationListScope.Mine, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var asked = await request.HandleAsync(
                new RequestElevationCommand(Input.RoleName ?? string.Empty, Input.Justification ?? string.Empty, Input.DurationMinutes ?? 0), cancellationToken);
            TempData["Status"] = $"Your request for {asked.RoleName} is waiting for someone holding the approval permission. It takes effect when approved.";
            return Redirect("/access/elevation");
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid);
        }

        Mine = await list.HandleAsync(ElevationListScope.Mine, cancellationToken);
        return Page();
    }

    /// <summary>Puts an approved elevation into the session at once instead of within the minute.</summary>
    public async Task<IActionResult> OnPostRefreshAsync()
    {
        await PermissionClaims.RefreshNowAsync(HttpContext);
        TempData["Status"] = "Your access is up to date.";
        return Redirect("/access/elevation");
    }

    public sealed class ElevationInput
    {
        public string? RoleName { get; set; }

        public int? DurationMinutes { get; set; } = 60;

        public string? Justification { get; set; }
    }
}
