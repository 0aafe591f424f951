using Custos.Modules.Incidents;
using Custos.Platform.Authorization;
using Custos.Web.Exports;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Incidents;

/// <summary>The breach register (CSV/XLSX export) and the annual report of breaches under 500 (164.408(c)).</summary>
[RequirePermission(Permissions.IncidentsRead)]
public sealed class RegisterModel(GetBreachRegister register, TimeProvider time) : PageModel
{
    [FromQuery]
    public int? Year { get; set; }

    [FromQuery]
    public string? Format { get; set; }

    [FromQuery]
    public bool Annual { get; set; }

    public IReadOnlyList<BreachRegisterEntry> Entries { get; private set; } = [];

    public AnnualBreachReport? Report { get; private set; }

    public int ThisYear => time.GetUtcNow().Year;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Annual)
        {
            Report = await register.AnnualReportAsync(Year ?? ThisYear - 1, cancellationToken);
            Entries = Report.Breaches;
        }
        else
        {
            Entries = await register.HandleAsync(Year, cancellationToken);
        }

        if (Format is null)
        {
            return Page();
        }

        var format = string.Equals(Format, "xlsx", StringComparison.OrdinalIgnoreCase) ? RegisterFormat.Xlsx : RegisterFormat.Csv;
        var (content, type, name) = RegisterExport.Write(ToRegister(Entries), format, Annual ? $"breaches-under-500-{Report!.Year}" : "breach-register");
        return File(content, type, name);
    }

    public static Register ToRegister(IReadOnlyList<BreachRegisterEntry> entries) => new(
        "Breach register",
        ["Reference", "Breach start", "Breach end", "Discovered", "Individuals affected", "States", "Type of breach", "Location of breached information",
         "Type of PHI involved", "Description", "Safeguards in place", "Actions taken", "Media notice required", "Substitute notice required",
         "Secretary due", "Secretary reported", "Determined by", "Retain until"],
        entries.Select(e => (IReadOnlyList<object?>)
        [
            e.Reference, e.BreachStart?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.BreachEnd?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.DiscoveredOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.IndividualsAffected,
            e.StatesAffected, e.TypeOfBreach, e.Location, e.PhiTypes, e.Summary, e.SafeguardsInPlace, e.ActionsTaken,
            e.MediaNoticeRequired ? "Yes" : "No", e.SubstituteNoticeRequired ? "Yes" : "No", SecretaryDue(e), e.SecretaryReportedOn,
            e.DeterminedBy, e.RetainUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ]).ToList());

    /// <summary>The Secretary due date, or who gives that notice when the organization does not.</summary>
    public static string SecretaryDue(BreachRegisterEntry entry) =>
        entry.SecretaryDueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        ?? "Not ours: the covered entity notifies (BAA does not delegate)";
}
