using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;

namespace Custos.Modules.Safeguards;

/// <param name="Justification">Why implementing the specification is, or is not, reasonable and appropriate.</param>
/// <param name="AlternativeMeasure">The equivalent alternative measure (decision <see cref="AddressableDecision.AlternativeMeasure"/>).</param>
/// <param name="NoAlternativeFinding">Why no alternative is reasonable and appropriate (decision <see cref="AddressableDecision.NoReasonableAlternative"/>).</param>
public sealed record RecordAddressableDecisionCommand(
    string RequirementKey,
    AddressableDecision Decision,
    string? Justification,
    string? AlternativeMeasure,
    string? NoAlternativeFinding);

/// <summary>
/// Records the 45 CFR 164.306(d)(3) decision for an addressable implementation specification: implement it; or
/// document why it is not reasonable and appropriate and implement an equivalent alternative; or document that no
/// alternative is reasonable and appropriate either. A decision without its written reasons is refused.
/// </summary>
public sealed class RecordAddressableDecision(AppDbContext db, IRequirementDirectory requirements, TimeProvider time, ICurrentActor actor)
{
    public async Task<ImplementationState> HandleAsync(RecordAddressableDecisionCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await new Validator().ValidateOrThrowAsync(command, cancellationToken);
        await ImplementationRecords.RequireAsync(requirements, command.RequirementKey, cancellationToken);
        if (HipaaCatalog.Load().Find(command.RequirementKey) is not { IsAddressable: true } requirement)
        {
            throw new InvalidRequestException(nameof(command.RequirementKey),
                $"{command.RequirementKey} is not an addressable implementation specification; a 164.306(d)(3) decision applies only to those. Record its implementation instead.");
        }

        var now = time.GetUtcNow();
        var by = actor.Actor.DisplayName;
        var implementation = await ImplementationRecords.LoadOrStartAsync(db, requirement.Key, now, by, cancellationToken);
        var before = implementation.State;
        implementation.Decide(command.Decision, ImplementationRecords.Clean(command.Justification), ImplementationRecords.Clean(command.AlternativeMeasure),
            ImplementationRecords.Clean(command.NoAlternativeFinding), now, by);
        await ImplementationRecords.SaveAsync(db, implementation, "decision", before, now, by, cancellationToken);
        return implementation.State;
    }

    private sealed class Validator : AbstractValidator<RecordAddressableDecisionCommand>
    {
        public Validator()
        {
            RuleFor(c => c.RequirementKey).NotEmpty().WithMessage("Name the addressable specification (its citation).");
            RuleFor(c => c.Decision).IsInEnum().WithMessage("Choose a decision: implemented, alternative measure, or no reasonable alternative.");

            // 45 CFR 164.306(d)(3)(ii)(B)(1): document why it would not be reasonable and appropriate.
            RuleFor(c => c.Justification)
                .Must(j => !string.IsNullOrWhiteSpace(j))
                .When(c => c.Decision != AddressableDecision.Implemented)
                .WithMessage("Write why implementing the specification is not reasonable and appropriate in your environment (45 CFR 164.306(d)(3)(ii)(B)(1)).");

            // 45 CFR 164.306(d)(3)(ii)(B)(2): implement an equivalent alternative measure if reasonable and appropriate.
            RuleFor(c => c.AlternativeMeasure)
                .Must(a => !string.IsNullOrWhiteSpace(a))
                .When(c => c.Decision == AddressableDecision.AlternativeMeasure)
                .WithMessage("Describe the equivalent alternative measure that is implemented instead (45 CFR 164.306(d)(3)(ii)(B)(2)).");
            RuleFor(c => c.NoAlternativeFinding)
                .Must(f => !string.IsNullOrWhiteSpace(f))
                .When(c => c.Decision == AddressableDecision.NoReasonableAlternative)
                .WithMessage("Write the finding that no alternative measure is reasonable and appropriate either.");
            RuleFor(c => c.Justification).MaximumLength(4000).WithMessage("Keep the justification under 4000 characters.");
            RuleFor(c => c.AlternativeMeasure).MaximumLength(4000).WithMessage("Keep the alternative measure under 4000 characters.");
            RuleFor(c => c.NoAlternativeFinding).MaximumLength(4000).WithMessage("Keep the finding under 4000 characters.");
        }
    }
}
