using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Incidents.Obligations;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;

namespace Custos.Modules.Incidents;

/// <summary>The non-PHI facts of a case that triage and investigation establish (and the Secretary's form asks for).</summary>
public sealed record UpdateIncidentFactsCommand(
    IncidentKind Kind,
    string Summary,
    DateOnly DiscoveredOn,
    DateOnly? OccurredOn = null,
    DateOnly? OccurredUntil = null,
    bool? PhiInvolved = null,
    IReadOnlyList<string>? PhiTypes = null,
    IReadOnlyList<Guid>? AffectedCustomerIds = null,
    AgencyStatus Agency = AgencyStatus.Unknown,
    DateOnly? CoveredEntityLearnedOn = null,
    string? BreachType = null,
    string? BreachLocation = null,
    string? SafeguardsInPlace = null,
    string? ActionsTaken = null,
    string? ProtectiveSteps = null,
    int? OutOfDateContacts = null);

/// <summary>
/// Corrects and completes the case's facts; the discovery date restarts every clock, so a change is logged with both
/// dates, and the timeline names every other fact that changed. The affected covered entities must be the
/// organization's recorded customers (their BAA windows drive the 45 CFR 164.410(b) deadlines).
/// </summary>
public sealed class UpdateIncidentFacts(AppDbContext db, ICurrentActor actor, IOrganizationDirectory organization, TimeProvider time)
{
    public async Task<IncidentSummaryView> HandleAsync(Guid id, UpdateIncidentFactsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Summary));
        await new Validator(time).ValidateOrThrowAsync(command, cancellationToken);
        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        if (command.OutOfDateContacts is { } stale && incident.EstimatedIndividuals is { } total && stale > total)
        {
            throw new InvalidRequestException(nameof(command.OutOfDateContacts),
                $"{stale} people with out-of-date contact information is more than the {total} affected: check the two numbers.");
        }

        if (command.AffectedCustomerIds is { Count: > 0 } chosen)
        {
            var known = (await organization.CustomersAsync(cancellationToken)).Select(c => c.Id).ToHashSet();
            if (chosen.Any(c => !known.Contains(c)))
            {
                throw new InvalidRequestException(nameof(command.AffectedCustomerIds),
                    "Choose the affected covered entities from the organization's customers (Organization → Customers); one of them is not a recorded customer.");
            }
        }

        var now = time.GetUtcNow();
        var discoveryChanged = incident.DiscoveredOn != command.DiscoveredOn;
        var before = incident.DiscoveredOn;
        var changed = ChangedFacts(incident, command);
        incident.Describe(command, now);
        var text = discoveryChanged
            ? $"Facts updated; discovery date {before:yyyy-MM-dd} → {command.DiscoveredOn:yyyy-MM-dd} (every notice clock moves with it)."
            : "Facts updated.";
        changed.Remove("discovery date");
        if (changed.Count > 0)
        {
            text += " Changed: " + string.Join(", ", changed) + ".";
        }

        IncidentCase.Log(db, incident, TimelineEntryKind.FactsChanged, text, person, now);
        await db.SaveChangesAsync(cancellationToken);
        return incident.ToSummary();
    }

    /// <summary>The names (never the values: the summary and Secretary-form texts are free text) of the facts that differ.</summary>
    private static List<string> ChangedFacts(Incident incident, UpdateIncidentFactsCommand command)
    {
        static bool Same(string? stored, string? given) =>
            string.Equals(stored ?? string.Empty, string.IsNullOrWhiteSpace(given) ? string.Empty : given.Trim(), StringComparison.Ordinal);
        var types = (command.PhiTypes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var customers = (command.AffectedCustomerIds ?? []).Distinct().Order().ToList();
        return new (bool Changed, string Name)[]
        {
            (incident.Kind != command.Kind, "kind"),
            (!Same(incident.Summary, command.Summary), "summary"),
            (incident.DiscoveredOn != command.DiscoveredOn, "discovery date"),
            (incident.OccurredOn != command.OccurredOn || incident.OccurredUntil != command.OccurredUntil, "when it occurred"),
            (incident.PhiInvolved != command.PhiInvolved, "PHI involved"),
            (!incident.PhiTypeCodes.SequenceEqual(types, StringComparer.Ordinal), "PHI types"),
            (!incident.AffectedCustomerIds.Order().SequenceEqual(customers), "affected covered entities"),
            (incident.Agency != command.Agency, "agent status"),
            (incident.CoveredEntityLearnedOn != command.CoveredEntityLearnedOn, "date the covered entity learned of it"),
            (!Same(incident.BreachType, command.BreachType), "type of breach"),
            (!Same(incident.BreachLocation, command.BreachLocation), "location of the information"),
            (!Same(incident.SafeguardsInPlace, command.SafeguardsInPlace), "safeguards in place"),
            (!Same(incident.ActionsTaken, command.ActionsTaken), "actions taken"),
            (!Same(incident.ProtectiveSteps, command.ProtectiveSteps), "protective steps"),
            (incident.OutOfDateContacts != command.OutOfDateContacts, "out-of-date contacts"),
        }.Where(c => c.Changed).Select(c => c.Name).ToList();
    }

    private sealed class Validator : AbstractValidator<UpdateIncidentFactsCommand>
    {
        public Validator(TimeProvider time)
        {
            var today = IncidentCase.Today(time);
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.Summary).NotEmpty().WithMessage("Write a one-line summary (no names or health details).").MaximumLength(200);
            RuleFor(c => c.DiscoveredOn).LessThanOrEqualTo(today).WithMessage("The discovery date cannot be in the future: give the day it was first known.")
                .GreaterThanOrEqualTo(BreachFactsValidator.SubpartDEffective)
                .WithMessage("Give the discovery date: the first day the incident was known, on or after 2009-09-23 when the Breach Notification Rule took effect (45 CFR 164.400).");
            RuleFor(c => c.OccurredOn).LessThanOrEqualTo(c => c.DiscoveredOn).WithMessage("It cannot have happened after it was discovered: check the two dates.");
            RuleFor(c => c.OccurredUntil).GreaterThanOrEqualTo(c => c.OccurredOn).When(c => c.OccurredOn is not null)
                .WithMessage("The breach cannot end before it began.");
            RuleFor(c => c.CoveredEntityLearnedOn).LessThanOrEqualTo(today).WithMessage("The date the covered entity learned of it cannot be in the future.")
                .GreaterThanOrEqualTo(c => c.DiscoveredOn).WithMessage("The covered entity cannot have learned of it before it was discovered.");
            RuleFor(c => c.PhiTypes).Must(types => types is null || types.All(t => t is not null && PhiTypes.IsKnown(t)))
                .WithMessage(c => $"{string.Join(", ", c.PhiTypes!.Where(t => t is null || !PhiTypes.IsKnown(t)).Select(t => $"'{t}'"))} is not one of the PHI types Custos knows: use codes such as Name, Ssn, Mrn, Clinical.");
            RuleFor(c => c.BreachType).MaximumLength(100);
            RuleFor(c => c.BreachLocation).MaximumLength(100);
            RuleFor(c => c.SafeguardsInPlace).MaximumLength(2000);
            RuleFor(c => c.ActionsTaken).MaximumLength(2000);
            RuleFor(c => c.ProtectiveSteps).MaximumLength(2000);
            RuleFor(c => c.OutOfDateContacts).GreaterThanOrEqualTo(0).WithMessage("The number with out-of-date contact information cannot be negative.");
            RuleFor(c => c.Agency).IsInEnum();
        }
    }
}
