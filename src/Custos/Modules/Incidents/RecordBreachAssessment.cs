using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

public sealed record FactorAssessment(RiskRating Rating, string Rationale);

/// <summary>The 164.402 analysis as its author writes it.</summary>
/// <param name="WorkforceGoodFaith">164.402(1)(i) applies.</param>
/// <param name="InadvertentBetweenAuthorizedPersons">164.402(1)(ii) applies.</param>
/// <param name="RecipientCouldNotRetain">164.402(1)(iii) applies.</param>
/// <param name="ExceptionRationale">Why an exception applies (required when one is claimed).</param>
/// <param name="Security">Whether the PHI was secured per HHS guidance.</param>
/// <param name="SecurityRationale">How (algorithm, key custody, destruction method); required unless unsecured.</param>
/// <param name="NatureAndExtent">164.402(2)(i).</param>
/// <param name="UnauthorizedPerson">164.402(2)(ii).</param>
/// <param name="AcquiredOrViewed">164.402(2)(iii).</param>
/// <param name="Mitigation">164.402(2)(iv).</param>
/// <param name="LowProbabilityOfCompromise">The author concludes the assessment demonstrates a low probability of compromise.</param>
public sealed record RecordBreachAssessmentCommand(
    bool WorkforceGoodFaith,
    bool InadvertentBetweenAuthorizedPersons,
    bool RecipientCouldNotRetain,
    string? ExceptionRationale,
    PhiSecurity Security,
    string? SecurityRationale,
    FactorAssessment NatureAndExtent,
    FactorAssessment UnauthorizedPerson,
    FactorAssessment AcquiredOrViewed,
    FactorAssessment Mitigation,
    bool LowProbabilityOfCompromise);

/// <summary>
/// Writes a breach determination for sign-off (45 CFR 164.402): an exception, secured PHI, or the four-factor risk
/// assessment. An impermissible use or disclosure is presumed a breach; "low probability of compromise" may be
/// concluded only when no factor is rated high. Each call adds a new version; signed versions never change.
/// </summary>
public sealed class RecordBreachAssessment(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task<BreachAssessmentView> HandleAsync(Guid id, RecordBreachAssessmentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.NatureAndExtent));
        await new Validator().ValidateOrThrowAsync(command, cancellationToken);
        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        var outcome = Determine(command);
        var version = (await db.Set<BreachAssessment>().Where(a => a.IncidentId == id).MaxAsync(a => (int?)a.Version, cancellationToken) ?? 0) + 1;
        var now = time.GetUtcNow();
        var assessment = new BreachAssessment(Guid.CreateVersion7(now), id, version, command, outcome, person.Id, person.DisplayName, now);
        db.Add(assessment);
        IncidentCase.Log(db, incident, TimelineEntryKind.Assessment, $"Breach assessment version {version} written: {IncidentTerms.Name(outcome)}. Awaiting the Privacy Officer's sign-off.", person, now);
        await db.SaveChangesAsync(cancellationToken);
        return assessment.ToView();
    }

    /// <summary>The outcome the regulation gives for the analysis (164.402 definitions, paragraphs (1) and (2)).</summary>
    public static BreachOutcome Determine(RecordBreachAssessmentCommand c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.WorkforceGoodFaith || c.InadvertentBetweenAuthorizedPersons || c.RecipientCouldNotRetain)
        {
            return BreachOutcome.ExceptionApplies;
        }

        if (c.Security != PhiSecurity.Unsecured)
        {
            return BreachOutcome.SecuredPhi;
        }

        return c.LowProbabilityOfCompromise ? BreachOutcome.LowProbabilityOfCompromise : BreachOutcome.Breach;
    }

    private sealed class Validator : AbstractValidator<RecordBreachAssessmentCommand>
    {
        public Validator()
        {
            RuleFor(c => c.ExceptionRationale).NotEmpty()
                .When(c => c.WorkforceGoodFaith || c.InadvertentBetweenAuthorizedPersons || c.RecipientCouldNotRetain)
                .WithMessage("Explain why the exception applies: it is the record that the incident was not a breach (164.414(b)).");
            RuleFor(c => c.Security).IsInEnum();
            RuleFor(c => c.SecurityRationale).NotEmpty().When(c => c.Security != PhiSecurity.Unsecured)
                .WithMessage("Say how the PHI was secured (encryption algorithm and that the key was not compromised, or how it was destroyed).");
            foreach (var (factor, name) in new (Func<RecordBreachAssessmentCommand, FactorAssessment>, string)[]
            {
                (c => c.NatureAndExtent, nameof(RecordBreachAssessmentCommand.NatureAndExtent)),
                (c => c.UnauthorizedPerson, nameof(RecordBreachAssessmentCommand.UnauthorizedPerson)),
                (c => c.AcquiredOrViewed, nameof(RecordBreachAssessmentCommand.AcquiredOrViewed)),
                (c => c.Mitigation, nameof(RecordBreachAssessmentCommand.Mitigation)),
            })
            {
                RuleFor(c => factor(c)).NotNull().WithName(name).OverridePropertyName(name).WithMessage("Rate this factor and give its rationale.");
                RuleFor(c => factor(c).Rationale).NotEmpty().When(c => factor(c) is not null).OverridePropertyName(name)
                    .WithMessage("Give the rationale for this factor's rating (164.402(2)).");
                RuleFor(c => factor(c).Rating).IsInEnum().When(c => factor(c) is not null).OverridePropertyName(name);
            }

            RuleFor(c => c.LowProbabilityOfCompromise).Equal(false)
                .When(c => c.NatureAndExtent is not null && c.UnauthorizedPerson is not null && c.AcquiredOrViewed is not null && c.Mitigation is not null &&
                           new[] { c.NatureAndExtent, c.UnauthorizedPerson, c.AcquiredOrViewed, c.Mitigation }.Any(f => f.Rating == RiskRating.High))
                .WithMessage("A low probability of compromise cannot be concluded while a factor is rated high: the breach presumption stands (164.402(2)).");
        }
    }
}
