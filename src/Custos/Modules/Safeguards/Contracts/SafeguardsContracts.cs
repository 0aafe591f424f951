namespace Custos.Modules.Safeguards.Contracts;

/// <summary>How far the organization has put a requirement in place. Not assessed is never compliant.</summary>
public enum ImplementationStatus
{
    NotAssessed,
    Planned,
    PartiallyImplemented,
    Implemented,

    /// <summary>The requirement does not apply to this organization; a written reason is required.</summary>
    NotApplicable,
}

/// <summary>
/// 45 CFR 164.306(d)(3): the recorded decision an addressable implementation specification needs. One of three
/// outcomes is compliant; having none is not.
/// </summary>
public enum AddressableDecision
{
    /// <summary>164.306(d)(3)(ii)(A): reasonable and appropriate, so implemented.</summary>
    Implemented,

    /// <summary>164.306(d)(3)(ii)(B)(1)-(2): not reasonable and appropriate (documented why); an equivalent alternative measure is implemented.</summary>
    AlternativeMeasure,

    /// <summary>164.306(d)(3)(ii)(B)(1)-(2): not reasonable and appropriate (documented why), and no alternative is reasonable and appropriate either (documented finding).</summary>
    NoReasonableAlternative,
}

/// <summary>Whether a requirement counts as met for the posture dashboard and the auditor packet.</summary>
public enum ComplianceVerdict
{
    NotMet,
    Met,

    /// <summary>Not applicable with a written reason; left out of readiness.</summary>
    NotApplicable,
}

/// <summary>The facts about a requirement that other modules need (evidence freshness, labels).</summary>
/// <param name="EvidenceFreshnessDays">Evidence older than this by its effective date is stale.</param>
public sealed record RequirementFacts(string Key, string Citation, string Title, int EvidenceFreshnessDays);

/// <summary>The requirements other modules may refer to: the catalog and the organization's custom requirements.</summary>
public interface IRequirementDirectory
{
    /// <summary>The requirement with this key, or null when no catalog or custom requirement has it.</summary>
    Task<RequirementFacts?> FindAsync(string key, CancellationToken cancellationToken);
}

/// <summary>The organization's record of how it meets one requirement, as stored at one moment.</summary>
public sealed record ImplementationState(
    ImplementationStatus Status,
    string? NotApplicableReason,
    string? Owner,
    string? HowMet,
    DateOnly? NextReviewOn,
    AddressableDecision? Decision,
    string? DecisionJustification,
    string? AlternativeMeasure,
    string? NoAlternativeFinding)
{
    public static readonly ImplementationState NotAssessed = new(ImplementationStatus.NotAssessed, null, null, null, null, null, null, null, null);
}
