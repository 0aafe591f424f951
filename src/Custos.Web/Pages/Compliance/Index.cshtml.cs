using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Authorization;
using Custos.Web.Api;
using Custos.Web.Exports;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Compliance;

/// <summary>The posture dashboard: readiness per family, what needs attention, and every requirement to drill into.</summary>
[RequirePermission(Permissions.ComplianceRead)]
public sealed class IndexModel(GetPosture getPosture, RequirementRegister register, BuildAuditPacket buildPacket, TimeProvider time) : PageModel
{
    public Posture Posture { get; private set; } = null!;

    [FromQuery(Name = "family")]
    public RequirementFamily? Family { get; set; }

    [FromQuery(Name = "show")]
    public string? Show { get; set; }

    public IReadOnlyList<RequirementRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Posture = await getPosture.HandleAsync(null, cancellationToken);
        Rows = [.. Posture.Rows.Where(r =>
            (Family is null || r.Family == Family)
            && Show switch
            {
                "not-met" => r.Compliance == ComplianceVerdict.NotMet,
                "not-assessed" => r.Implementation.Status == ImplementationStatus.NotAssessed,
                "stale" => r.StaleEvidence > 0,
                "overdue" => r.ReviewOverdue,
                _ => true,
            })];
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken cancellationToken)
    {
        var view = await register.BuildAsync(null, cancellationToken);
        var kind = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? RegisterFormat.Xlsx : RegisterFormat.Csv;
        var (content, contentType, fileName) = RegisterExport.Write(SafeguardsApi.ToRegister(view), kind, $"custos-requirements-{view.AsOf:yyyy-MM-dd}");
        return File(content, contentType, fileName);
    }

    public async Task<IActionResult> OnGetPacketAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var date = asOf is { } d && d <= today ? d : today;
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await buildPacket.HandleAsync(date, file, cancellationToken);
            file.Position = 0;
            return File(file, "application/zip", $"custos-audit-packet-{date:yyyy-MM-dd}.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
