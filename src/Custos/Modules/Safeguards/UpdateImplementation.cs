using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;

namespace Custos.Modules.Safeguards;

/// <param name="NotApplicableReason">Required when <paramref name="Status"/> is not applicable.</param>
public sealed record UpdateImplementationCommand(
    string RequirementKey,
    ImplementationStatus Status,
    string? NotApplicableReason,
    string? Owner,
    string? HowMet,
    DateOnly? NextReviewOn);

/// <summary>Records how the organization meets a requirement: status, owner, how, next review. Every change keeps history.</summary>
public sealed class UpdateImplementation(AppDbContext db, IRequirementDirectory requirements, TimeProvider time, ICurrentActor actor)
{
    public async Task<ImplementationState> HandleAsync(UpdateImplementationCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await new Validator().ValidateOrThrowAsync(command, cancellationToken);
        await ImplementationRecords.RequireAsync(requirements, command.RequirementKey, cancellationToken);
        var now = time.GetUtcNow();
        var by = actor.Actor.DisplayName;
        var implementation = await ImplementationRecords.LoadOrStartAsync(db, command.RequirementKey, now, by, cancellationToken);
        var before = implementation.State;
        implementation.Describe(command.Status, ImplementationRecords.Clean(command.NotApplicableReason), ImplementationRecords.Clean(command.Owner),
            ImplementationRecords.Clean(command.HowMet), command.NextReviewOn, now, by);
        await ImplementationRecords.SaveAsync(db, implementation, "implementation", before, now, by, cancellationToken);
        return implementation.State;
    }

    private sealed class Validator : AbstractValidator<UpdateImplementationCommand>
    {
        public Validator()
        {
            RuleFor(c => c.RequirementKey).NotEmpty().WithMessage("Name the requirement (its citation or custom key).");
            RuleFor(c => c.Status).IsInEnum().WithMessage("Choose a status: not assessed, planned, partially implemented, implemented or not applicable.");
            RuleFor(c => c.NotApplicableReason)
                .Must(r => !string.IsNullOrWhiteSpace(r))
                .When(c => c.Status == ImplementationStatus.NotApplicable)
                .WithMessage("Say why this requirement does not apply to the organization; an auditor will ask.");
            RuleFor(c => c.NotApplicableReason).MaximumLength(2000).WithMessage("Keep the reason under 2000 characters.");
            RuleFor(c => c.Owner).MaximumLength(200).WithMessage("Keep the owner under 200 characters.");
            RuleFor(c => c.HowMet).MaximumLength(4000).WithMessage("Keep the description under 4000 characters.");
        }
    }
}
