using System.Globalization;
using FluentValidation;

namespace Custos.Modules.Incidents.Obligations;

/// <summary>
/// Checks breach facts before the rules run: dates not in the future relative to <c>today</c>, counts not negative,
/// State codes real, delays that end after they start. Every message names the field and what to enter instead.
/// </summary>
public sealed class BreachFactsValidator : AbstractValidator<BreachFacts>
{
    /// <summary>45 CFR 164.400: the subpart applies to breaches occurring on or after September 23, 2009.</summary>
    public static readonly DateOnly SubpartDEffective = new(2009, 9, 23);

    /// <param name="today">The organization's current calendar date.</param>
    public BreachFactsValidator(DateOnly today)
    {
        RuleFor(f => f.Role).IsInEnum().WithMessage("Choose the role: business associate or covered entity.");

        RuleFor(f => f.DiscoveredOn)
            .Must(d => d <= today)
            .WithMessage(f => $"The discovery date {Iso(f.DiscoveredOn)} is after today ({Iso(today)}). Enter the first day the breach was known, or would have been known with reasonable diligence.")
            .Must(d => d >= SubpartDEffective)
            .WithMessage(f => $"The discovery date {Iso(f.DiscoveredOn)} is before {Iso(SubpartDEffective)}, when the Breach Notification Rule took effect (45 CFR 164.400). Check the year.");

        RuleFor(f => f.AffectedByJurisdiction).NotNull().WithMessage("Give the individuals affected per State, or none.")
            .Custom((counts, context) =>
            {
                if (counts is null)
                {
                    return;
                }

                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (code, count) in counts)
                {
                    var trimmed = code?.Trim() ?? string.Empty;
                    if (!Jurisdictions.IsKnown(trimmed))
                    {
                        context.AddFailure($"'{code}' is not a U.S. State or jurisdiction code. Use two letters such as TX, DC or PR (45 CFR 160.103 lists the States and territories).");
                    }
                    else if (!seen.Add(trimmed))
                    {
                        context.AddFailure($"{trimmed.ToUpperInvariant()} is given more than once. Give one count per State.");
                    }

                    if (count < 0)
                    {
                        context.AddFailure($"The number of individuals affected in {trimmed.ToUpperInvariant()} is {count.ToString(CultureInfo.InvariantCulture)}. Enter 0 or more.");
                    }
                }
            });

        RuleFor(f => f.CoveredEntities).NotNull().WithMessage("Give the affected covered entities, or none.")
            .Must(list => list is null || list.Count == 0).When(f => f.Role == BreachRole.CoveredEntity)
            .WithMessage("Affected covered entities and BAA notice windows apply only to a business associate. Choose the business-associate role or remove them.");
        RuleForEach(f => f.CoveredEntities).ChildRules(ce =>
        {
            // 45 CFR 164.410(b): a BAA can shorten the 60 days but not lengthen them.
            ce.RuleFor(c => c.BaaNoticeDays)
                .InclusiveBetween(1, BreachNotificationRules.OuterLimitDays)
                .When(c => c.BaaNoticeDays is not null)
                .WithMessage(c => $"The BAA notice window{(c.Name is null ? string.Empty : " for " + c.Name)} is {c.BaaNoticeDays?.ToString(CultureInfo.InvariantCulture)} days. Enter 1 to 60: 45 CFR 164.410(b) sets 60 calendar days as the limit; a BAA can shorten it but not extend it.");
            ce.RuleFor(c => c.Name).MaximumLength(200).WithMessage("A covered entity's name is at most 200 characters.");
        }).When(f => f.CoveredEntities is not null);

        RuleFor(f => f.CoveredEntityLearnedOn)
            .Must((f, learned) => learned >= f.DiscoveredOn)
            .When(f => f.CoveredEntityLearnedOn is not null)
            .WithMessage(f => $"The covered entity learned of the breach on {Iso(f.CoveredEntityLearnedOn)}, before it was discovered ({Iso(f.DiscoveredOn)}). The discovery date is the business associate's; enter a learned date on or after it.")
            .Must(learned => learned <= today)
            .When(f => f.CoveredEntityLearnedOn is not null)
            .WithMessage(f => $"The date the covered entity learned of the breach ({Iso(f.CoveredEntityLearnedOn)}) is after today ({Iso(today)}).");

        RuleFor(f => f.LawEnforcementDelay!).ChildRules(delay =>
        {
            delay.RuleFor(d => d.Statement).IsInEnum().WithMessage("Choose how law enforcement stated the delay: oral or written.");
            delay.RuleFor(d => d.Until).NotNull().When(d => d.Statement == LawEnforcementStatement.Written)
                .WithMessage("A written law-enforcement statement specifies how long the delay lasts (45 CFR 164.412(a)). Enter the date it ends.");
            delay.RuleFor(d => d.Until).Must((d, until) => until > d.From).When(d => d.Until is not null)
                .WithMessage(d => $"The law-enforcement delay ends on {Iso(d.Until)}, {(d.Until == d.From ? "the day" : "before")} it starts ({Iso(d.From)}). Enter an end date after the date of the statement.");
            delay.RuleFor(d => d.From).Must(from => from <= today)
                .WithMessage(d => $"The law-enforcement statement is dated {Iso(d.From)}, after today ({Iso(today)}). Enter the date the official made it.");
        }).When(f => f.LawEnforcementDelay is not null);
        RuleFor(f => f.LawEnforcementDelay!.From)
            .Must((f, from) => from >= f.DiscoveredOn)
            .When(f => f.LawEnforcementDelay is not null)
            .OverridePropertyName("LawEnforcementDelay.From")
            .WithMessage(f => $"The law-enforcement statement ({Iso(f.LawEnforcementDelay!.From)}) is dated before the breach was discovered ({Iso(f.DiscoveredOn)}). A delay under 45 CFR 164.412 follows discovery; check the dates.");
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
