using Custos.Modules.Incidents.Contracts;
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

/// <summary>Corrects and completes the case's facts; the discovery date restarts every clock, so a change is logged with both dates.</summary>
public sealed class UpdateIncidentFacts(AppDbContext db, ICurrentActor actor, TimeProvider time)
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

        var now = time.GetUtcNow();
        var discoveryChanged = incident.DiscoveredOn != command.DiscoveredOn;
        var before = incident.DiscoveredOn;
        incident.Describe(command, now);
        IncidentCase.Log(db, incident, TimelineEntryKind.FactsChanged,
            discoveryChanged ? $"Facts updated; discovery date {before:yyyy-MM-dd} → {command.DiscoveredOn:yyyy-MM-dd} (every notice clock moves with it)." : "Facts updated.",
            person, now);
        await db.SaveChangesAsync(cancellationToken);
        return incident.ToSummary();
    }

    private sealed class Validator : AbstractValidator<UpdateIncidentFactsCommand>
    {
        public Validator(TimeProvider time)
        {
            var today = IncidentCase.Today(time);
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.Summary).NotEmpty().WithMessage("Write a one-line summary (no names or health details).").MaximumLength(200);
            RuleFor(c => c.DiscoveredOn).LessThanOrEqualTo(today).WithMessage("The discovery date cannot be in the future: give the day it was first known.");
            RuleFor(c => c.OccurredOn).LessThanOrEqualTo(c => c.DiscoveredOn).WithMessage("It cannot have happened after it was discovered: check the two dates.");
            RuleFor(c => c.OccurredUntil).GreaterThanOrEqualTo(c => c.OccurredOn).When(c => c.OccurredOn is not null)
                .WithMessage("The breach cannot end before it began.");
            RuleFor(c => c.CoveredEntityLearnedOn).LessThanOrEqualTo(today).WithMessage("The date the covered entity learned of it cannot be in the future.")
                .GreaterThanOrEqualTo(c => c.DiscoveredOn).WithMessage("The covered entity cannot have learned of it before it was discovered.");
            RuleForEach(c => c.PhiTypes).Must(PhiTypes.IsKnown).WithMessage("'{PropertyValue}' is not one of the PHI types Custos knows.");
            RuleFor(c => c.OutOfDateContacts).GreaterThanOrEqualTo(0).WithMessage("The number with out-of-date contact information cannot be negative.");
            RuleFor(c => c.Agency).IsInEnum();
        }
    }
}

/// <param name="Description">What happened.</param>
/// <param name="PhiSpecifics">Which PHI of whom, exactly.</param>
/// <param name="AffectedPeople">Identification of each affected individual, one per line (164.410(c)(1)).</param>
public sealed record UpdateIncidentDetailsCommand(string Description, string? PhiSpecifics, string? AffectedPeople);

/// <summary>Changes the encrypted PHI details. The host lets only holders of incidents.phi.read call it.</summary>
public sealed class UpdateIncidentDetails(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task HandleAsync(Guid id, UpdateIncidentDetailsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Description));
        if (string.IsNullOrWhiteSpace(command.Description))
        {
            throw new InvalidRequestException(nameof(command.Description), "Describe what happened.");
        }

        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        var details = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Set<IncidentDetails>(), d => d.IncidentId == id, cancellationToken);
        details.Update(command.Description.Trim(), command.PhiSpecifics, command.AffectedPeople);
        IncidentCase.Log(db, incident, TimelineEntryKind.FactsChanged, "Restricted details updated.", person, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}
