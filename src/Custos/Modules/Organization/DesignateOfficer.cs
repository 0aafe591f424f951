using Custos.Modules.Organization.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

public sealed record DesignateOfficerCommand(OfficerRole Role, ContactPerson Person, DateOnly EffectiveOn, string? Note);

/// <summary>
/// Designates the Privacy Officer (45 CFR 164.530(a)(1)) or the Security Officer (45 CFR 164.308(a)(2)).
/// The previous holder's designation ends the day the new one takes effect; the history is kept.
/// </summary>
public sealed class DesignateOfficer(AppDbContext db, TimeProvider time, ICurrentActor actor)
{
    public async Task<OfficerView> HandleAsync(DesignateOfficerCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var current = await db.Set<OfficerDesignation>()
            .SingleOrDefaultAsync(d => d.Role == command.Role && d.EndedOn == null, cancellationToken);

        await new Validator(today, current?.EffectiveOn).ValidateOrThrowAsync(command, cancellationToken);

        var designation = new OfficerDesignation(
            Guid.CreateVersion7(now),
            command.Role,
            OrganizationText.Normalize(command.Person),
            command.EffectiveOn,
            OrganizationText.NullIfBlank(command.Note),
            now,
            actor.Actor.DisplayName);

        // End the current designation, then add the new one, in one transaction and in that order: a unique index
        // allows one current designation per role, so of two designations recorded at once only one can win.
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                current?.EndOn(command.EffectiveOn);
                await db.SaveChangesAsync(cancellationToken);
                db.Add(designation);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw new InvalidRequestException(
                nameof(DesignateOfficerCommand.Role),
                "Another designation for this role was recorded at the same moment. Reload the page to see it, then try again if needed.");
        }

        return designation.ToView();
    }

    private sealed class Validator : AbstractValidator<DesignateOfficerCommand>
    {
        public Validator(DateOnly today, DateOnly? currentSince)
        {
            RuleFor(c => c.Role).IsInEnum().WithMessage("Choose Privacy Officer or Security Officer.");
            RuleFor(c => c.Person).NotNull().WithMessage("Enter the officer's details.").SetValidator(new ContactPersonValidator("officer"));
            RuleFor(c => c.EffectiveOn).NotEmpty().WithMessage("Enter the date the designation takes effect.")
                .GreaterThanOrEqualTo(new DateOnly(1996, 8, 21)).WithMessage("The effective date is before HIPAA was enacted (August 21, 1996); check the year.");
            RuleFor(c => c.EffectiveOn).LessThanOrEqualTo(today)
                .WithMessage("Record a designation once it takes effect: the effective date cannot be in the future.");
            if (currentSince is { } since)
            {
                RuleFor(c => c.EffectiveOn).GreaterThanOrEqualTo(since)
                    .WithMessage($"The current officer was designated on {since:yyyy-MM-dd}; a new designation must take effect on or after that date.");
            }

            RuleFor(c => c.Note).MaximumLength(2000);
        }
    }
}
