using Custos.Modules.Incidents;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Incidents;

/// <summary>
/// The public anonymous report form and its follow-up by receipt code. Rate-limited per client address like the
/// sign-in forms (<see cref="RateLimits"/>); the receipt code is shown once and stored only as a hash.
/// </summary>
[PublicAccess("Anyone, including people without an account, must be able to report an incident anonymously (45 CFR 164.530(d), (g)).")]
public sealed class AnonymousModel(ReportIncidentAnonymously report, FollowUpAnonymousReport followUp, TimeProvider time) : PageModel
{
    [BindProperty]
    public ReportInput Input { get; set; } = new();

    [BindProperty]
    public FollowUpInput FollowUp { get; set; } = new();

    public IncidentReceipt? Receipt { get; private set; }

    public AnonymousReportStatus? Status { get; private set; }

    public void OnGet() => Input.DiscoveredOn ??= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        try
        {
            Receipt = await report.HandleAsync(Input.ToCommand(), cancellationToken);
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostFollowUpAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        try
        {
            Status = await followUp.HandleAsync(new FollowUpAnonymousReportCommand(FollowUp.ReceiptCode ?? string.Empty, FollowUp.Addition), cancellationToken);
            FollowUp.Addition = null;
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid, "FollowUp");
        }

        return Page();
    }

    public sealed class FollowUpInput
    {
        public string? ReceiptCode { get; set; }

        public string? Addition { get; set; }
    }
}
