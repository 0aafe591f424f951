using Custos.Modules.Incidents;
using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Incidents;

/// <summary>The short report form: five fields, usable on a phone in under a minute.</summary>
[Custos.Web.Hosting.RequirePermission(Custos.Platform.Authorization.Permissions.IncidentsReport)]
public sealed class ReportModel(ReportIncident report, TimeProvider time) : PageModel
{
    [BindProperty]
    public ReportInput Input { get; set; } = new();

    public IncidentReceipt? Receipt { get; private set; }

    public void OnGet() => Input.DiscoveredOn ??= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Receipt = await report.HandleAsync(Input.ToCommand(), cancellationToken);
            return Page();
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid);
            return Page();
        }
    }
}

public sealed class ReportInput
{
    public IncidentKind? Kind { get; set; }

    public string? Summary { get; set; }

    public string? Description { get; set; }

    public DateOnly? DiscoveredOn { get; set; }

    public DateOnly? OccurredOn { get; set; }

    /// <summary>"yes", "no" or "unsure".</summary>
    public string? PhiInvolved { get; set; }

    public int? EstimatedIndividuals { get; set; }

    public ReportIncidentCommand ToCommand()
    {
        if (Kind is null)
        {
            throw new InvalidRequestException(nameof(Kind), "Choose what kind of incident it is.");
        }

        if (DiscoveredOn is null)
        {
            throw new InvalidRequestException(nameof(DiscoveredOn), "Give the day it was first known.");
        }

        return new ReportIncidentCommand(Kind.Value, Summary ?? string.Empty, Description ?? string.Empty, DiscoveredOn.Value, OccurredOn,
            PhiInvolved switch { "yes" => true, "no" => false, _ => null }, EstimatedIndividuals);
    }
}
