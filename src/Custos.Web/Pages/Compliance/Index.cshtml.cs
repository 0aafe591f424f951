using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Validation;
using Custos.Web.Api;
using Custos.Web.Exports;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Compliance;

/// <summary>The posture dashboard: readiness per family, what needs attention, and every requirement to drill into.</summary>
[RequirePermission(Permissions.ComplianceRead)]
public sealed class IndexModel(
    GetPosture getPosture,
    RequirementRegister register,
    BuildAuditPacket buildPacket,
    GetCatalogProfiles getProfiles,
    SetCatalogProfile setProfile,
    GetCatalogUpgradeReports upgradeReports,
    DismissCatalogUpgradeReport dismissUpgrade,
    TimeProvider time) : PageModel
{
    public Posture Posture { get; private set; } = null!;

    public IReadOnlyList<CatalogProfileSetting> Profiles { get; private set; } = [];

    /// <summary>The newest catalog upgrade report nobody has dismissed, shown as a banner.</summary>
    public CatalogUpgradeReport? PendingUpgrade { get; private set; }

    public bool CanManage => User.HasPermission(Permissions.ComplianceManage);

    [FromQuery(Name = "family")]
    public RequirementFamily? Family { get; set; }

    [FromQuery(Name = "show")]
    public string? Show { get; set; }

    public IReadOnlyList<RequirementRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PendingUpgrade = await upgradeReports.PendingAsync(cancellationToken);
        Profiles = await getProfiles.HandleAsync(cancellationToken);
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

    /// <summary>Switches an optional catalog profile (the January 2025 proposed Security Rule update) on or off.</summary>
    public async Task<IActionResult> OnPostProfileAsync(string profileId, bool enabled, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        try
        {
            var settings = await setProfile.HandleAsync(new SetCatalogProfileCommand(profileId, enabled), cancellationToken);
            var title = settings.FirstOrDefault(p => p.Id == profileId)?.Title ?? profileId;
            TempData["Status"] = enabled
                ? $"{title} is on: its requirements are listed under their own heading, marked as proposed, and do not count toward readiness."
                : $"{title} is off.";
            return Redirect("/compliance");
        }
        catch (InvalidRequestException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, message);
                }
            }

            await OnGetAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDismissUpgradeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        try
        {
            await dismissUpgrade.HandleAsync(id, cancellationToken);
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }

        TempData["Status"] = "Catalog upgrade report dismissed; it stays under Catalog upgrades.";
        return Redirect("/compliance");
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
