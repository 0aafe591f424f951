using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <param name="Description">What happened.</param>
/// <param name="PhiSpecifics">Which PHI of whom, exactly.</param>
/// <param name="AffectedPeople">Identification of each affected individual, one per line (164.410(c)(1)).</param>
public sealed record UpdateIncidentDetailsCommand(string Description, string? PhiSpecifics, string? AffectedPeople);

/// <summary>
/// Changes the encrypted PHI details (45 CFR 164.312(a)(2)(iv)). The host lets only holders of incidents.phi.read and
/// incidents.manage call it; the timeline records which parts changed, not their contents.
/// </summary>
public sealed class UpdateIncidentDetails(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task HandleAsync(Guid id, UpdateIncidentDetailsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Description));
        await new DetailsValidator().ValidateOrThrowAsync(command, cancellationToken);
        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        var details = await db.Set<IncidentDetails>().SingleAsync(d => d.IncidentId == id, cancellationToken);
        var changed = new (bool Changed, string Name)[]
        {
            (details.Description != command.Description.Trim(), "description"),
            (details.PhiSpecifics != Clean(command.PhiSpecifics), "PHI specifics"),
            (details.AffectedPeople != Clean(command.AffectedPeople), "affected-person list"),
        }.Where(c => c.Changed).Select(c => c.Name).ToList();
        details.Update(command.Description.Trim(), command.PhiSpecifics, command.AffectedPeople);

        // The entry names what changed, never the values: the timeline is shown without the PHI permission.
        IncidentCase.Log(db, incident, TimelineEntryKind.FactsChanged,
            changed.Count == 0 ? "Restricted details saved unchanged." : "Restricted details updated: " + string.Join(", ", changed) + ".", person, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The affected-person list feeds the 164.410(c)(1) identification and the mail-merge CSV; each list is bounded.</summary>
    private sealed class DetailsValidator : AbstractValidator<UpdateIncidentDetailsCommand>
    {
        public DetailsValidator()
        {
            RuleFor(c => c.Description).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Describe what happened.")
                .MaximumLength(20000).WithMessage("Keep the description under 20,000 characters.");
            RuleFor(c => c.PhiSpecifics).MaximumLength(20000).WithMessage("Keep the PHI specifics under 20,000 characters.");
            RuleFor(c => c.AffectedPeople).MaximumLength(1_000_000).WithMessage("The affected-person list is over 1,000,000 characters: split it or attach it as evidence.");
        }
    }
}
