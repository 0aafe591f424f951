using Custos.Platform.Audit;
using Custos.Platform.Authorization;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Audit;

/// <summary>Checkpoint and witness status, verification on demand and its history (45 CFR 164.312(c)).</summary>
[RequirePermission(Permissions.AuditRead)]
public sealed class IntegrityModel(AuditLedgerReader reader, AuditLedgerMaintenance maintenance, AuditSequencer sequencer, AuditLedgerArchiver archiver) : PageModel
{
    public LedgerStatus? Status { get; private set; }

    public IReadOnlyList<VerificationRunView> History { get; private set; } = [];

    public IReadOnlyList<ArchiveRecordView> Archives { get; private set; } = [];

    public bool CanManage => User.HasPermission(Permissions.AuditManage);

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status = await reader.StatusAsync(cancellationToken);
        History = await maintenance.VerificationHistoryAsync(20, cancellationToken);
        Archives = await archiver.ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var report = await maintenance.VerifyAsync(AuditLedgerMaintenance.TriggerOnDemand, null, cancellationToken);
        Message = report.Passed
            ? $"Verified {report.EntriesChecked:N0} entries and {report.CheckpointsChecked} checkpoints: everything checks."
            : $"Tampering detected: {report.Failure!.Kind} at sequence number {report.Failure.Sequence}. {report.Failure.Message}";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCheckpointAsync(CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var result = await sequencer.IntegrateAllAsync(cancellationToken);
        Message = $"Integrated {result.Integrated:N0} waiting entries; the latest checkpoint covers {result.TreeSize:N0} entries.";
        return RedirectToPage();
    }
}
