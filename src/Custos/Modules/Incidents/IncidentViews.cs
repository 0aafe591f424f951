using Custos.Modules.Incidents.Contracts;

namespace Custos.Modules.Incidents;

public sealed record IncidentSummaryView(
    Guid Id,
    string Reference,
    IncidentKind Kind,
    IncidentStatus Status,
    IncidentSeverity Severity,
    string Summary,
    DateOnly DiscoveredOn,
    DateTimeOffset ReportedAt,
    string ReportedBy,
    string? OwnerName,
    int? IndividualsAffected,
    Guid? OwnerId = null);

public sealed record IncidentPage(IReadOnlyList<IncidentSummaryView> Items, string? NextCursor, int TotalCount);

/// <summary>The PHI-bearing details; null in <see cref="IncidentCaseView"/> for a viewer without incidents.phi.read.</summary>
public sealed record IncidentSensitiveView(string Description, string? PhiSpecifics, string? AffectedPeople, IReadOnlyList<ReporterMessageView> ReporterMessages);

public sealed record ReporterMessageView(DateTimeOffset At, string Text);

public sealed record TimelineEntryView(DateTimeOffset At, TimelineEntryKind Kind, string Text, string ActorName);

public sealed record IncidentTaskView(Guid Id, IncidentTaskKind Kind, string Title, string? OwnerName, DateOnly? DueOn, DateTimeOffset? CompletedAt)
{
    public bool IsOpen => CompletedAt is null;
}

public sealed record CustodyTransferView(string From, string To, DateTimeOffset At, string Reason, string RecordedBy);

public sealed record EvidenceView(
    Guid Id, string Description, string CollectedBy, DateTimeOffset CollectedAt, string Sha256, string? FileName, long? SizeBytes,
    string Custodian, IReadOnlyList<CustodyTransferView> Transfers);

public sealed record AffectedCountsView(int Number, IReadOnlyDictionary<string, int> Counts, int Total, string? Reason, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record FactorView(RiskRating Rating, string Rationale);

public sealed record BreachAssessmentView(
    Guid Id,
    int Version,
    bool WorkforceGoodFaith,
    bool InadvertentBetweenAuthorizedPersons,
    bool RecipientCouldNotRetain,
    string? ExceptionRationale,
    PhiSecurity Security,
    string? SecurityRationale,
    FactorView NatureAndExtent,
    FactorView UnauthorizedPerson,
    FactorView AcquiredOrViewed,
    FactorView Mitigation,
    BreachOutcome Outcome,
    string AuthorName,
    DateTimeOffset WrittenAt,
    string? SignedByName,
    DateTimeOffset? SignedAt)
{
    public bool IsSigned => SignedAt is not null;
}

public sealed record LawEnforcementDelayView(LawEnforcementDelayKind Statement, DateOnly From, DateOnly? Until, string? Official);

/// <summary>Everything about one case. <see cref="Sensitive"/> is null unless the viewer may see PHI.</summary>
public sealed record IncidentCaseView(
    IncidentSummaryView Summary,
    DateOnly? OccurredOn,
    DateOnly? OccurredUntil,
    bool? PhiInvolved,
    int? EstimatedIndividuals,
    bool IsAnonymous,
    IReadOnlyList<string> PhiTypes,
    IReadOnlyList<Guid> AffectedCustomerIds,
    AgencyStatus Agency,
    DateOnly? CoveredEntityLearnedOn,
    LawEnforcementDelayView? Delay,
    string? BreachType,
    string? BreachLocation,
    string? SafeguardsInPlace,
    string? ActionsTaken,
    string? ProtectiveSteps,
    int? OutOfDateContacts,
    string? RootCause,
    string? LessonsLearned,
    DateTimeOffset? ClosedAt,
    IncidentSensitiveView? Sensitive,
    IReadOnlyList<TimelineEntryView> Timeline,
    IReadOnlyList<IncidentTaskView> Tasks,
    IReadOnlyList<EvidenceView> Evidence,
    AffectedCountsView? AffectedCounts,
    IReadOnlyList<AffectedCountsView> AffectedCountHistory,
    IReadOnlyList<BreachAssessmentView> Assessments)
{
    /// <summary>The signed assessment in force (the latest signed version), if any.</summary>
    public BreachAssessmentView? Determination => Assessments.Where(a => a.IsSigned).MaxBy(a => a.Version);

    /// <summary>Individuals affected: the latest revised count, else the reporter's estimate.</summary>
    public int? IndividualsAffected => AffectedCounts?.Total ?? EstimatedIndividuals;
}

internal static class IncidentViewMapping
{
    public static IncidentSummaryView ToSummary(this Incident i, int? counted = null) => new(
        i.Id, i.Reference, i.Kind, i.Status, i.Severity, i.Summary, i.DiscoveredOn, i.ReportedAt, i.ReportedByName, i.OwnerName,
        counted ?? i.EstimatedIndividuals, i.OwnerId);

    public static AffectedCountsView ToView(this AffectedCountRevision r) => new(r.Number, r.Counts, r.Total, r.Reason, r.RecordedBy, r.RecordedAt);

    public static BreachAssessmentView ToView(this BreachAssessment a) => new(
        a.Id, a.Version, a.WorkforceGoodFaithException, a.AuthorizedPersonException, a.CouldNotRetainException, a.ExceptionRationale,
        a.Security, a.SecurityRationale,
        new FactorView(a.NatureRating, a.NatureRationale), new FactorView(a.RecipientRating, a.RecipientRationale),
        new FactorView(a.AcquiredRating, a.AcquiredRationale), new FactorView(a.MitigationRating, a.MitigationRationale),
        a.Outcome, a.AuthorName, a.WrittenAt, a.SignedByName, a.SignedAt);
}
