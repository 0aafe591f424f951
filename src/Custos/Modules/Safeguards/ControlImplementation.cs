using Custos.Modules.Safeguards.Contracts;

namespace Custos.Modules.Safeguards;

/// <summary>
/// How the organization meets one requirement (by key: a citation or <c>custom:...</c>). One row per requirement,
/// changed only through <see cref="Describe"/> and <see cref="Decide"/>; every change also leaves an
/// <see cref="ImplementationChange"/> with the state before and after, so the register can be read as of any date.
/// </summary>
internal sealed class ControlImplementation
{
    private ControlImplementation()
    {
        RequirementKey = string.Empty;
        UpdatedBy = string.Empty;
    }

    public ControlImplementation(Guid id, string requirementKey, DateTimeOffset now, string by)
    {
        Id = id;
        RequirementKey = requirementKey;
        Status = ImplementationStatus.NotAssessed;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Guid Id { get; private set; }

    public string RequirementKey { get; private set; }

    public ImplementationStatus Status { get; private set; }

    public string? NotApplicableReason { get; private set; }

    public string? Owner { get; private set; }

    public string? HowMet { get; private set; }

    public DateOnly? NextReviewOn { get; private set; }

    public AddressableDecision? Decision { get; private set; }

    public string? DecisionJustification { get; private set; }

    public string? AlternativeMeasure { get; private set; }

    public string? NoAlternativeFinding { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    public ImplementationState State => new(Status, NotApplicableReason, Owner, HowMet, NextReviewOn, Decision, DecisionJustification, AlternativeMeasure, NoAlternativeFinding);

    public void Describe(ImplementationStatus status, string? notApplicableReason, string? owner, string? howMet, DateOnly? nextReviewOn, DateTimeOffset now, string by)
    {
        Status = status;
        NotApplicableReason = status == ImplementationStatus.NotApplicable ? notApplicableReason : null;
        Owner = owner;
        HowMet = howMet;
        NextReviewOn = nextReviewOn;
        Touch(now, by);
    }

    public void Decide(AddressableDecision decision, string? justification, string? alternativeMeasure, string? noAlternativeFinding, DateTimeOffset now, string by)
    {
        Decision = decision;
        DecisionJustification = justification;
        AlternativeMeasure = decision == AddressableDecision.AlternativeMeasure ? alternativeMeasure : null;
        NoAlternativeFinding = decision == AddressableDecision.NoReasonableAlternative ? noAlternativeFinding : null;
        Touch(now, by);
    }

    private void Touch(DateTimeOffset now, string by)
    {
        UpdatedAt = now;
        UpdatedBy = by;
    }
}

/// <summary>One change to an implementation: who, when, and the whole state before and after (JSON).</summary>
internal sealed class ImplementationChange
{
    private ImplementationChange()
    {
        RequirementKey = string.Empty;
        ChangedBy = string.Empty;
        Before = string.Empty;
        After = string.Empty;
        What = string.Empty;
    }

    public ImplementationChange(Guid id, string requirementKey, string what, string before, string after, DateTimeOffset changedAt, string changedBy)
    {
        Id = id;
        RequirementKey = requirementKey;
        What = what;
        Before = before;
        After = after;
        ChangedAt = changedAt;
        ChangedBy = changedBy;
    }

    public Guid Id { get; private set; }

    public string RequirementKey { get; private set; }

    /// <summary>"implementation" or "decision".</summary>
    public string What { get; private set; }

    public string Before { get; private set; }

    public string After { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public string ChangedBy { get; private set; }
}

/// <summary>
/// A link from an implementation to something that supports it: a policy, a risk, a monitoring check, a ticket.
/// The kind is open text so that modules written later (risks, monitoring) add kinds without a migration.
/// Evidence is linked the other way: each evidence item names the requirements it backs.
/// </summary>
internal sealed class ImplementationLink
{
    private ImplementationLink()
    {
        RequirementKey = string.Empty;
        Kind = string.Empty;
        Target = string.Empty;
        Title = string.Empty;
        AddedBy = string.Empty;
    }

    public ImplementationLink(Guid id, string requirementKey, string kind, string target, string title, DateTimeOffset addedAt, string addedBy)
    {
        Id = id;
        RequirementKey = requirementKey;
        Kind = kind;
        Target = target;
        Title = title;
        AddedAt = addedAt;
        AddedBy = addedBy;
    }

    public Guid Id { get; private set; }

    public string RequirementKey { get; private set; }

    public string Kind { get; private set; }

    public string Target { get; private set; }

    public string Title { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public string AddedBy { get; private set; }
}

/// <summary>A requirement the organization added (key <c>custom:...</c>), by hand or from an OSCAL catalog.</summary>
internal sealed class CustomRequirement
{
    private CustomRequirement()
    {
        Key = string.Empty;
        Title = string.Empty;
        Guidance = string.Empty;
        Source = string.Empty;
        CreatedBy = string.Empty;
    }

    public CustomRequirement(string key, string title, string guidance, string family, int evidenceFreshnessDays, string source, DateTimeOffset createdAt, string createdBy)
    {
        Key = key;
        Title = title;
        Guidance = guidance;
        Family = family;
        EvidenceFreshnessDays = evidenceFreshnessDays;
        Source = source;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
    }

    public string Key { get; private set; }

    public string Title { get; private set; }

    public string Guidance { get; private set; }

    /// <summary>The readiness family name (a <c>RequirementFamily</c> value).</summary>
    public string Family { get; private set; } = string.Empty;

    public int EvidenceFreshnessDays { get; private set; }

    /// <summary>Where it came from: "added by hand" or the OSCAL catalog it was imported from.</summary>
    public string Source { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }
}
