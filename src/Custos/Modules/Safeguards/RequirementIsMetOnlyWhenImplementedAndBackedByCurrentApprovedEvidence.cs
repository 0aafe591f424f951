using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Safeguards.Contracts;

namespace Custos.Modules.Safeguards;

/// <summary>
/// When a requirement counts as met (issue 7; 45 CFR 164.306(d)):
/// a specification (or a standard with no specifications, or a custom requirement) is met only when it is implemented
/// — or, for an addressable specification, when its 164.306(d)(3) decision is complete — AND at least one approved,
/// unexpired evidence item backs it. Not assessed is never met. Not applicable, with a written reason, is left out.
/// A standard with specifications is met when every applicable specification is met.
/// </summary>
public static class RequirementIsMetOnlyWhenImplementedAndBackedByCurrentApprovedEvidence
{
    /// <summary>The verdict for one specification, a standard without specifications, or a custom requirement.</summary>
    public static Verdict ForSpecification(bool addressable, ImplementationState state, int currentEvidence)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == ImplementationStatus.NotApplicable)
        {
            return string.IsNullOrWhiteSpace(state.NotApplicableReason)
                ? new(ComplianceVerdict.NotMet, "Marked not applicable without a reason.")
                : new(ComplianceVerdict.NotApplicable, "Not applicable: " + state.NotApplicableReason);
        }

        if (state.Status == ImplementationStatus.NotAssessed)
        {
            return new(ComplianceVerdict.NotMet, "Not assessed.");
        }

        if (addressable)
        {
            // 45 CFR 164.306(d)(3): assess, then implement, or document why not and implement an equivalent
            // alternative, or document that no alternative is reasonable and appropriate.
            switch (state.Decision)
            {
                case null:
                    return new(ComplianceVerdict.NotMet, "Addressable: no 164.306(d)(3) decision recorded.");
                case AddressableDecision.Implemented when state.Status != ImplementationStatus.Implemented:
                    return new(ComplianceVerdict.NotMet, "Decided to implement, but not implemented yet.");
                case AddressableDecision.AlternativeMeasure when string.IsNullOrWhiteSpace(state.DecisionJustification) || string.IsNullOrWhiteSpace(state.AlternativeMeasure):
                    return new(ComplianceVerdict.NotMet, "Alternative measure decision lacks its justification or the measure.");
                case AddressableDecision.AlternativeMeasure when state.Status != ImplementationStatus.Implemented:
                    return new(ComplianceVerdict.NotMet, "The equivalent alternative measure is not implemented yet.");
                case AddressableDecision.NoReasonableAlternative when string.IsNullOrWhiteSpace(state.DecisionJustification) || string.IsNullOrWhiteSpace(state.NoAlternativeFinding):
                    return new(ComplianceVerdict.NotMet, "No-alternative decision lacks its justification or finding.");
                default:
                    break;
            }
        }
        else if (state.Status != ImplementationStatus.Implemented)
        {
            return new(ComplianceVerdict.NotMet, state.Status == ImplementationStatus.Planned ? "Planned, not implemented." : "Partially implemented.");
        }

        return currentEvidence > 0
            ? new(ComplianceVerdict.Met, addressable ? $"Decided ({state.Decision}) and backed by approved evidence." : "Implemented and backed by approved evidence.")
            : new(ComplianceVerdict.NotMet, "No approved, unexpired evidence.");
    }

    /// <summary>A standard with specifications: met when every applicable specification is met.</summary>
    public static Verdict ForStandard(IReadOnlyCollection<ComplianceVerdict> specifications)
    {
        ArgumentNullException.ThrowIfNull(specifications);
        var applicable = specifications.Where(c => c != ComplianceVerdict.NotApplicable).ToList();
        if (specifications.Count > 0 && applicable.Count == 0)
        {
            return new(ComplianceVerdict.NotApplicable, "Every specification is not applicable.");
        }

        var unmet = applicable.Count(c => c != ComplianceVerdict.Met);
        return unmet == 0
            ? new(ComplianceVerdict.Met, "Every specification is met.")
            : new(ComplianceVerdict.NotMet, $"{unmet} of {applicable.Count} specifications not met.");
    }

    /// <summary>
    /// Evidence backs a requirement on <paramref name="asOf"/> when it was approved by then, not expired, not
    /// superseded, in its effective period, and not stale (its effective start is within the requirement's cadence).
    /// </summary>
    public static bool IsCurrent(EvidenceFact evidence, DateOnly asOf, int freshnessDays) =>
        IsApprovedAndInForce(evidence, asOf) && !IsStale(evidence, asOf, freshnessDays);

    /// <summary>Approved, in force, but older than the requirement's cadence: it must be renewed.</summary>
    public static bool IsStale(EvidenceFact evidence, DateOnly asOf, int freshnessDays)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence.EffectiveFrom.AddDays(freshnessDays) < asOf;
    }

    public static bool IsApprovedAndInForce(EvidenceFact evidence, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var endOfDay = EndOf(asOf);
        return evidence.ApprovedAt is { } approved && approved < endOfDay
            && (evidence.ExpiredAt is null || evidence.ExpiredAt >= endOfDay)
            && (evidence.SupersededAt is null || evidence.SupersededAt >= endOfDay)
            && evidence.EffectiveFrom <= asOf
            && (evidence.EffectiveUntil is null || evidence.EffectiveUntil >= asOf);
    }

    /// <summary>The first instant after the UTC day <paramref name="date"/>.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public sealed record Verdict(ComplianceVerdict Compliance, string Why);
}
