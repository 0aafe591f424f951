using Custos.Modules.Evidence;
using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Compliance;

/// <summary>
/// One requirement: guidance, implementation form, the 164.306(d)(3) decision for addressable specifications, and the
/// evidence behind it with upload and review. Reading needs compliance.read; every change needs compliance.manage.
/// </summary>
[RequirePermission(Permissions.ComplianceRead)]
public sealed class RequirementModel(
    GetRequirement getRequirement,
    UpdateImplementation updateImplementation,
    RecordAddressableDecision recordDecision,
    ReviewEvidence reviewEvidence,
    DownloadEvidenceFile downloadFile,
    EvidenceSettings evidenceSettings,
    TimeProvider time) : PageModel
{
    [FromQuery(Name = "key")]
    public string Key { get; set; } = string.Empty;

    public RequirementDetail Detail { get; private set; } = null!;

    public bool CanManage => User.HasPermission(Permissions.ComplianceManage);

    /// <summary>The evidence form; it posts to the streamed upload page (<see cref="UploadEvidenceModel"/>).</summary>
    public EvidenceUploadFormModel UploadForm { get; private set; } = null!;

    [BindProperty]
    public ImplementationInput Implementation { get; set; } = new();

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(fillForms: true, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostImplementationAsync(CancellationToken cancellationToken) => ChangeAsync(
        () => updateImplementation.HandleAsync(
            new UpdateImplementationCommand(Key, Implementation.Status, Implementation.NotApplicableReason, Implementation.Owner, Implementation.HowMet, Implementation.NextReviewOn),
            cancellationToken),
        "Implementation saved.",
        "Implementation",
        cancellationToken);

    public Task<IActionResult> OnPostDecisionAsync(CancellationToken cancellationToken) => ChangeAsync(
        () => recordDecision.HandleAsync(
            new RecordAddressableDecisionCommand(Key, Decision.Decision ?? (AddressableDecision)(-1), Decision.Justification, Decision.AlternativeMeasure, Decision.NoAlternativeFinding),
            cancellationToken),
        "Decision recorded.",
        "Decision",
        cancellationToken);

    public Task<IActionResult> OnPostReviewAsync(Guid evidenceId, EvidenceReviewAction action, CancellationToken cancellationToken) => ChangeAsync(
        () => reviewEvidence.HandleAsync(new ReviewEvidenceCommand(evidenceId, action), cancellationToken),
        action switch
        {
            EvidenceReviewAction.Submit => "Evidence submitted for review.",
            EvidenceReviewAction.Approve => "Evidence approved.",
            EvidenceReviewAction.Reject => "Evidence rejected.",
            _ => "Evidence expired.",
        },
        "Review",
        cancellationToken);

    public async Task<IActionResult> OnGetDownloadAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await downloadFile.HandleAsync(evidenceId, cancellationToken);
            return File(download.Content, download.ContentType, download.FileName);
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<IActionResult> ChangeAsync<T>(Func<Task<T>> change, string done, string prefix, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        try
        {
            await change();
            TempData["Status"] = done;
            return Redirect(ComplianceLabels.LinkTo(Key));
        }
        catch (InvalidRequestException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError($"{prefix}.{field}", message);
                }
            }

            return await LoadAsync(fillForms: false, cancellationToken) ? Page() : NotFound();
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<bool> LoadAsync(bool fillForms, CancellationToken cancellationToken)
    {
        try
        {
            Detail = await getRequirement.HandleAsync(Key, null, cancellationToken);
        }
        catch (RecordNotFoundException)
        {
            return false;
        }

        if (fillForms)
        {
            var state = Detail.Row.Implementation;
            Implementation = new ImplementationInput
            {
                Status = state.Status,
                NotApplicableReason = state.NotApplicableReason,
                Owner = state.Owner,
                HowMet = state.HowMet,
                NextReviewOn = state.NextReviewOn,
            };
            Decision = new DecisionInput
            {
                Decision = state.Decision,
                Justification = state.DecisionJustification,
                AlternativeMeasure = state.AlternativeMeasure,
                NoAlternativeFinding = state.NoAlternativeFinding,
            };
        }

        UploadForm = EvidenceUploadFormModel.For(Detail, evidenceSettings.MaxFileBytes, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), new(StringComparer.OrdinalIgnoreCase));

        return true;
    }

    public sealed class ImplementationInput
    {
        public ImplementationStatus Status { get; set; }

        public string? NotApplicableReason { get; set; }

        public string? Owner { get; set; }

        public string? HowMet { get; set; }

        public DateOnly? NextReviewOn { get; set; }
    }

    public sealed class DecisionInput
    {
        public AddressableDecision? Decision { get; set; }

        public string? Justification { get; set; }

        public string? AlternativeMeasure { get; set; }

        public string? NoAlternativeFinding { get; set; }
    }
}
