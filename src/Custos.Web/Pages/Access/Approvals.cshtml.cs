using Custos.Modules.AccessGovernance;
using Custos.Platform.Authorization;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Access;

/// <summary>Pending elevation requests and open break-glass reviews of other people, and the whole history.</summary>
[RequirePermission(Permissions.ElevationApprove)]
public sealed class ApprovalsModel(ListElevations list, DecideElevation decide, CloseBreakGlassReview closeReview) : PageModel
{
    public IReadOnlyList<ElevationView> Pending { get; private set; } = [];

    public IReadOnlyList<ElevationView> Reviews { get; private set; } = [];

    public IReadOnlyList<ElevationView> History { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostDecideAsync(Guid id, bool approve, string? note, CancellationToken cancellationToken)
    {
        try
        {
            var decided = await decide.HandleAsync(new DecideElevationCommand(id, approve, note), cancellationToken);
            TempData["Status"] = approve
                ? $"Approved: {decided.UserName} holds {decided.RoleName} until {decided.ExpiresAt:yyyy-MM-dd HH:mm} UTC."
                : $"Rejected {decided.UserName}'s request for {decided.RoleName}.";
            return Redirect("/access/approvals");
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid, prefix: string.Empty);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, string? findings, CancellationToken cancellationToken)
    {
        try
        {
            var closed = await closeReview.HandleAsync(new CloseBreakGlassReviewCommand(id, findings ?? string.Empty), cancellationToken);
            TempData["Status"] = $"The review of {closed.UserName}'s break-glass use is closed.";
            return Redirect("/access/approvals");
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid, prefix: string.Empty);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Pending = await list.HandleAsync(ElevationListScope.AwaitingDecision, cancellationToken);
        Reviews = await list.HandleAsync(ElevationListScope.OpenReviews, cancellationToken);
        History = await list.HandleAsync(ElevationListScope.All, cancellationToken);
    }
}
