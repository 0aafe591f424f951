using Custos.Modules.Incidents;
using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Incidents;

[Custos.Web.Hosting.RequirePermission(Custos.Platform.Authorization.Permissions.IncidentsRead)]
public sealed class IndexModel(ListIncidents list) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "status")]
    public IncidentStatus? Status { get; set; }

    [FromQuery(Name = "severity")]
    public IncidentSeverity? Severity { get; set; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    public IncidentPage Incidents { get; private set; } = new([], null, 0);

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Incidents = await list.HandleAsync(new ListIncidentsQuery(Search, Status, Severity, null, Cursor), cancellationToken);
        }
        catch (InvalidRequestException invalid)
        {
            Error = string.Join(" ", invalid.Errors.SelectMany(e => e.Value));
        }
    }
}
