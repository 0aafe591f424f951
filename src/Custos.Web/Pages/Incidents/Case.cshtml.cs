using Custos.Modules.Incidents;
using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Incidents;

/// <summary>
/// The case page. Reading needs incidents.read; the PHI details are read only for incidents.phi.read; every change
/// needs incidents.manage (checked per handler, so a read-only viewer gets the page and a 403 on a change).
/// </summary>
[RequirePermission(Permissions.IncidentsRead)]
public sealed class CaseModel(
    GetIncident getIncident,
    GetIncidentObligations getObligations,
    ChangeIncidentStatus changeStatus,
    AddIncidentNote addNote,
    ReviseAffectedCounts reviseCounts,
    RecordBreachAssessment recordAssessment,
    SignOffBreachAssessment signOff,
    RecordObligationStatus recordObligation,
    RecordPostIncidentReview recordReview,
    AddIncidentTask addTask,
    RecordEvidence recordEvidence,
    HandOverEvidence handOver,
    AssignIncidentOwner assignOwner,
    ChangeIncidentSeverity changeSeverity,
    CompleteIncidentTask completeTask,
    ListIncidentOwnerCandidates ownerCandidates,
    IOrganizationDirectory organization,
    TimeProvider time) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public IncidentCaseView Case { get; private set; } = null!;

    public IncidentObligations? Obligations { get; private set; }

    public string? ObligationsError { get; private set; }

    /// <summary>Names of the affected covered-entity customers (a removed customer shows as such).</summary>
    public IReadOnlyList<string> AffectedCustomers { get; private set; } = [];

    /// <summary>The accounts the case can be given to; empty for a viewer who cannot manage it.</summary>
    public IReadOnlyList<IncidentOwnerCandidate> OwnerCandidates { get; private set; } = [];

    [BindProperty]
    public Guid? OwnerId { get; set; }

    public bool CanManage => User.HasPermission(Permissions.IncidentsManage);

    public bool CanSeePhi => User.HasPermission(Permissions.IncidentsPhiRead);

    [BindProperty]
    public IncidentStatus? NewStatus { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Counts { get; set; }

    [BindProperty]
    public AssessmentInput Assessment { get; set; } = new();

    [BindProperty]
    public Guid? AssessmentId { get; set; }

    [BindProperty]
    public ObligationInput Obligation { get; set; } = new();

    [BindProperty]
    public string? RootCause { get; set; }

    [BindProperty]
    public string? LessonsLearned { get; set; }

    [BindProperty]
    public IncidentTaskKind? TaskKind { get; set; }

    [BindProperty]
    public DateOnly? TaskDueOn { get; set; }

    [BindProperty]
    public string? EvidenceCollectedBy { get; set; }

    [BindProperty]
    public string? EvidenceSha256 { get; set; }

    [BindProperty]
    public IFormFile? EvidenceFile { get; set; }

    [BindProperty]
    public Guid? ItemId { get; set; }

    [BindProperty]
    public string? HandTo { get; set; }

    [BindProperty]
    public IncidentSeverity? NewSeverity { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostStatusAsync(CancellationToken ct) =>
        ChangeAsync(() => changeStatus.HandleAsync(Id, new ChangeIncidentStatusCommand(NewStatus ?? IncidentStatus.Reported, Text), ct), "Status changed.", ct);

    public Task<IActionResult> OnPostNoteAsync(CancellationToken ct) =>
        ChangeAsync(() => addNote.HandleAsync(Id, new AddIncidentNoteCommand(Text ?? string.Empty), ct), "Note added.", ct);

    public Task<IActionResult> OnPostCountsAsync(CancellationToken ct) =>
        ChangeAsync(() => reviseCounts.HandleAsync(Id, new ReviseAffectedCountsCommand(ReviseAffectedCounts.Parse(Counts), Text), ct), "Counts revised.", ct);

    public Task<IActionResult> OnPostAssessAsync(CancellationToken ct) =>
        ChangeAsync(() => recordAssessment.HandleAsync(Id, Assessment.ToCommand(), ct), "Assessment written; the Privacy Officer signs it off.", ct);

    public Task<IActionResult> OnPostSignOffAsync(CancellationToken ct) =>
        ChangeAsync(() => signOff.HandleAsync(AssessmentId ?? Guid.Empty, ct), "Assessment signed off.", ct);

    public Task<IActionResult> OnPostObligationAsync(CancellationToken ct) =>
        ChangeAsync(() => recordObligation.HandleAsync(Id, Obligation.ToCommand(), ct), "Notice recorded.", ct);

    public Task<IActionResult> OnPostReviewAsync(CancellationToken ct) =>
        ChangeAsync(() => recordReview.HandleAsync(Id, new RecordPostIncidentReviewCommand(RootCause ?? string.Empty, LessonsLearned ?? string.Empty), ct), "Review recorded.", ct);

    public Task<IActionResult> OnPostTaskAsync(CancellationToken ct) =>
        ChangeAsync(() => addTask.HandleAsync(Id, new AddIncidentTaskCommand(TaskKind ?? IncidentTaskKind.Other, Text ?? string.Empty, null, TaskDueOn), ct), "Task added.", ct);

    public Task<IActionResult> OnPostEvidenceAsync(CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            await using var stream = EvidenceFile?.OpenReadStream();
            await recordEvidence.HandleAsync(Id, new RecordEvidenceCommand(Text ?? string.Empty, EvidenceCollectedBy ?? string.Empty, time.GetUtcNow(), EvidenceSha256, EvidenceFile?.FileName), stream, ct);
        }, "Evidence recorded.", ct);

    public Task<IActionResult> OnPostHandOverAsync(CancellationToken ct) =>
        ChangeAsync(() => handOver.HandleAsync(ItemId ?? Guid.Empty, new HandOverEvidenceCommand(HandTo ?? string.Empty, time.GetUtcNow(), Text ?? string.Empty), ct), "Hand-over recorded.", ct);

    public Task<IActionResult> OnPostTakeOwnershipAsync(CancellationToken ct) =>
        ChangeAsync(() => assignOwner.HandleAsync(Id, new AssignIncidentOwnerCommand(Guid.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var me) ? me : null), ct), "You own this incident.", ct);

    public Task<IActionResult> OnPostOwnerAsync(CancellationToken ct) =>
        ChangeAsync(() => assignOwner.HandleAsync(Id, new AssignIncidentOwnerCommand(OwnerId), ct), "Owner changed; they were told in-app.", ct);

    public Task<IActionResult> OnPostSeverityAsync(CancellationToken ct) =>
        ChangeAsync(() => changeSeverity.HandleAsync(Id, new ChangeIncidentSeverityCommand(NewSeverity ?? IncidentSeverity.Low, Text ?? string.Empty), ct), "Severity changed.", ct);

    public Task<IActionResult> OnPostCompleteTaskAsync(CancellationToken ct) =>
        ChangeAsync(() => completeTask.HandleAsync(ItemId ?? Guid.Empty, ct), "Task done.", ct);

    private async Task<IActionResult> ChangeAsync(Func<Task> change, string done, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        try
        {
            await change();
            TempData["Status"] = done;
            return Redirect($"/incidents/{Id}");
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid, string.Empty);
            return await LoadAsync(cancellationToken);
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Case = await getIncident.HandleAsync(Id, CanSeePhi, cancellationToken);
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }

        if (Case.AffectedCustomerIds.Count > 0)
        {
            var customers = await organization.CustomersAsync(cancellationToken);
            AffectedCustomers = Case.AffectedCustomerIds
                .Select(id => customers.FirstOrDefault(c => c.Id == id)?.Name ?? "a customer no longer recorded")
                .ToList();
        }

        if (CanManage)
        {
            OwnerCandidates = await ownerCandidates.HandleAsync(cancellationToken);
            if (!ModelState.ContainsKey(nameof(OwnerId)))
            {
                OwnerId = Case.Summary.OwnerId;
            }
        }

        try
        {
            Obligations = await getObligations.HandleAsync(Id, cancellationToken);
        }
        catch (InvalidRequestException invalid)
        {
            ObligationsError = string.Join(" ", invalid.Errors.SelectMany(e => e.Value));
        }

        return Page();
    }

    public sealed class AssessmentInput
    {
        public bool WorkforceGoodFaith { get; set; }

        public bool InadvertentBetweenAuthorizedPersons { get; set; }

        public bool RecipientCouldNotRetain { get; set; }

        public string? ExceptionRationale { get; set; }

        public PhiSecurity Security { get; set; }

        public string? SecurityRationale { get; set; }

        public RiskRating NatureRating { get; set; } = RiskRating.High;

        public string? NatureRationale { get; set; }

        public RiskRating RecipientRating { get; set; } = RiskRating.High;

        public string? RecipientRationale { get; set; }

        public RiskRating AcquiredRating { get; set; } = RiskRating.High;

        public string? AcquiredRationale { get; set; }

        public RiskRating MitigationRating { get; set; } = RiskRating.High;

        public string? MitigationRationale { get; set; }

        public bool LowProbabilityOfCompromise { get; set; }

        public RecordBreachAssessmentCommand ToCommand() => new(
            WorkforceGoodFaith, InadvertentBetweenAuthorizedPersons, RecipientCouldNotRetain, ExceptionRationale, Security, SecurityRationale,
            new FactorAssessment(NatureRating, NatureRationale ?? string.Empty), new FactorAssessment(RecipientRating, RecipientRationale ?? string.Empty),
            new FactorAssessment(AcquiredRating, AcquiredRationale ?? string.Empty), new FactorAssessment(MitigationRating, MitigationRationale ?? string.Empty),
            LowProbabilityOfCompromise);
    }

    public sealed class ObligationInput
    {
        public string? Key { get; set; }

        public ObligationStatus Status { get; set; } = ObligationStatus.Sent;

        public DateOnly? SentOn { get; set; }

        public string? Method { get; set; }

        public string? Reference { get; set; }

        public string? Note { get; set; }

        public RecordObligationStatusCommand ToCommand() => new(Key ?? string.Empty, Status, SentOn, Method, Reference, Note);
    }
}
