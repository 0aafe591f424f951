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
/// Edits a case's facts (the inputs of the notification rule set), its encrypted details (only with incidents.phi.read)
/// and its law-enforcement delay (45 CFR 164.412). Three forms, each saved on its own; a form with an error comes back
/// with its values and the error next to the field, and the other two show what is stored. See ADR 0020.
/// </summary>
[RequirePermission(Permissions.IncidentsManage)]
public sealed class FactsModel(
    GetIncident getIncident,
    UpdateIncidentFacts updateFacts,
    UpdateIncidentDetails updateDetails,
    RecordLawEnforcementDelay recordDelay,
    IOrganizationDirectory organization) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public IncidentCaseView Case { get; private set; } = null!;

    public IReadOnlyList<CustomerView> Customers { get; private set; } = [];

    public OrganizationProfileView? Profile { get; private set; }

    public bool CanSeePhi => User.HasPermission(Permissions.IncidentsPhiRead);

    [BindProperty]
    public FactsInput Input { get; set; } = new();

    [BindProperty]
    public DetailsInput Details { get; set; } = new();

    [BindProperty]
    public DelayInput Delay { get; set; } = new();

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(Form.None, cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        SaveAsync(Form.Facts, "Input", () => updateFacts.HandleAsync(Id, Input.ToCommand(), cancellationToken),
            "Facts saved; the obligations below are computed from them.", cancellationToken);

    public Task<IActionResult> OnPostDetailsAsync(CancellationToken cancellationToken) => !CanSeePhi
        ? Task.FromResult<IActionResult>(Forbid())
        : SaveAsync(Form.Details, nameof(Details), () => updateDetails.HandleAsync(Id, Details.ToCommand(), cancellationToken),
            "Restricted details saved.", cancellationToken);

    public Task<IActionResult> OnPostDelayAsync(CancellationToken cancellationToken) =>
        SaveAsync(Form.Delay, nameof(Delay), () =>
        {
            if (Delay.Statement is null)
            {
                throw new InvalidRequestException(nameof(DelayInput.Statement), "Choose whether the statement was written or oral.");
            }

            return recordDelay.HandleAsync(Id, Delay.ToCommand(), cancellationToken);
        }, "Law-enforcement delay recorded; the due dates moved.", cancellationToken);

    public Task<IActionResult> OnPostRemoveDelayAsync(CancellationToken cancellationToken) =>
        SaveAsync(Form.Delay, nameof(Delay), () => recordDelay.HandleAsync(Id, new RecordLawEnforcementDelayCommand(null, null, null, null), cancellationToken),
            "Law-enforcement delay removed.", cancellationToken);

    private async Task<IActionResult> SaveAsync(Form form, string prefix, Func<Task> save, string done, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(form, cancellationToken);
        }

        try
        {
            await save();
            TempData["Status"] = done;
            return Redirect($"/incidents/{Id}");
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid, prefix);
            return await LoadAsync(form, cancellationToken);
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>Reads the case; fills every form from it except <paramref name="posted"/>, which keeps what was sent.</summary>
    private async Task<IActionResult> LoadAsync(Form posted, CancellationToken cancellationToken)
    {
        try
        {
            Case = await getIncident.HandleAsync(Id, CanSeePhi, cancellationToken);
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }

        Customers = await organization.CustomersAsync(cancellationToken);
        Profile = await organization.ProfileAsync(cancellationToken);
        if (posted != Form.Facts)
        {
            Input = FactsInput.From(Case);
        }

        if (posted != Form.Details)
        {
            Details = DetailsInput.From(Case.Sensitive);
        }

        if (posted != Form.Delay)
        {
            Delay = DelayInput.Of(Case.Delay);
        }

        return Page();
    }

    private enum Form
    {
        None,
        Facts,
        Details,
        Delay,
    }

    public sealed class FactsInput
    {
        public IncidentKind? Kind { get; set; }

        public string? Summary { get; set; }

        public DateOnly? DiscoveredOn { get; set; }

        public DateOnly? OccurredOn { get; set; }

        public DateOnly? OccurredUntil { get; set; }

        /// <summary>"yes", "no" or "unsure".</summary>
        public string? PhiInvolved { get; set; }

        public List<string> PhiTypes { get; set; } = [];

        public List<Guid> AffectedCustomerIds { get; set; } = [];

        public AgencyStatus Agency { get; set; }

        public DateOnly? CoveredEntityLearnedOn { get; set; }

        public string? BreachType { get; set; }

        public string? BreachLocation { get; set; }

        public string? SafeguardsInPlace { get; set; }

        public string? ActionsTaken { get; set; }

        public string? ProtectiveSteps { get; set; }

        public int? OutOfDateContacts { get; set; }

        public static FactsInput From(IncidentCaseView c) => new()
        {
            Kind = c.Summary.Kind,
            Summary = c.Summary.Summary,
            DiscoveredOn = c.Summary.DiscoveredOn,
            OccurredOn = c.OccurredOn,
            OccurredUntil = c.OccurredUntil,
            PhiInvolved = c.PhiInvolved switch { true => "yes", false => "no", _ => "unsure" },
            PhiTypes = [.. c.PhiTypes],
            AffectedCustomerIds = [.. c.AffectedCustomerIds],
            Agency = c.Agency,
            CoveredEntityLearnedOn = c.CoveredEntityLearnedOn,
            BreachType = c.BreachType,
            BreachLocation = c.BreachLocation,
            SafeguardsInPlace = c.SafeguardsInPlace,
            ActionsTaken = c.ActionsTaken,
            ProtectiveSteps = c.ProtectiveSteps,
            OutOfDateContacts = c.OutOfDateContacts,
        };

        public UpdateIncidentFactsCommand ToCommand()
        {
            if (Kind is null)
            {
                throw new InvalidRequestException(nameof(Kind), "Choose what kind of incident it is.");
            }

            if (DiscoveredOn is null)
            {
                throw new InvalidRequestException(nameof(DiscoveredOn), "Give the day it was first known.");
            }

            return new UpdateIncidentFactsCommand(
                Kind.Value, Summary ?? string.Empty, DiscoveredOn.Value, OccurredOn, OccurredUntil,
                PhiInvolved switch { "yes" => true, "no" => false, _ => null },
                PhiTypes, AffectedCustomerIds, Agency, CoveredEntityLearnedOn,
                BreachType, BreachLocation, SafeguardsInPlace, ActionsTaken, ProtectiveSteps, OutOfDateContacts);
        }
    }

    public sealed class DetailsInput
    {
        public string? Description { get; set; }

        public string? PhiSpecifics { get; set; }

        public string? AffectedPeople { get; set; }

        public static DetailsInput From(IncidentSensitiveView? sensitive) => sensitive is null
            ? new()
            : new() { Description = sensitive.Description, PhiSpecifics = sensitive.PhiSpecifics, AffectedPeople = sensitive.AffectedPeople };

        public UpdateIncidentDetailsCommand ToCommand() => new(Description ?? string.Empty, PhiSpecifics, AffectedPeople);
    }

    public sealed class DelayInput
    {
        public LawEnforcementDelayKind? Statement { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? Until { get; set; }

        public string? Official { get; set; }

        public static DelayInput Of(LawEnforcementDelayView? delay) => delay is null
            ? new()
            : new() { Statement = delay.Statement, From = delay.From, Until = delay.Until, Official = delay.Official };

        public RecordLawEnforcementDelayCommand ToCommand() => new(Statement, From, Until, Official);
    }
}
