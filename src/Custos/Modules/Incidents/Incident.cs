using Custos.Modules.Incidents.Contracts;

namespace Custos.Modules.Incidents;

/// <summary>
/// An incident case (45 CFR 164.308(a)(6)(ii): identify and respond to suspected or known security incidents, mitigate,
/// document). Holds no PHI itself: what happened and the PHI specifics live in <see cref="IncidentDetails"/>, encrypted
/// and revealed only to holders of incidents.phi.read, so that listing cases never reads (or audits a read of) PHI.
/// </summary>
internal sealed class Incident
{
    private Incident()
    {
        Reference = string.Empty;
        Summary = string.Empty;
        ReportedByName = string.Empty;
    }

    public Incident(Guid id, IncidentKind kind, string summary, DateOnly? occurredOn, DateOnly discoveredOn, bool? phiInvolved,
        int? estimatedIndividuals, DateTimeOffset reportedAt, string? reportedById, string reportedByName, bool anonymous)
        : this()
    {
        Id = id;
        Reference = "INC-" + id.ToString("N")[^8..].ToUpperInvariant();
        Kind = kind;
        Summary = summary;
        OccurredOn = occurredOn;
        DiscoveredOn = discoveredOn;
        PhiInvolved = phiInvolved;
        EstimatedIndividuals = estimatedIndividuals;
        ReportedAt = reportedAt;
        ReportedById = reportedById;
        ReportedByName = reportedByName;
        IsAnonymous = anonymous;
        Status = IncidentStatus.Reported;
        UpdatedAt = reportedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>Short reference people quote on the phone: "INC-" and eight hex digits of the id.</summary>
    public string Reference { get; private set; }

    public IncidentKind Kind { get; private set; }

    public IncidentStatus Status { get; private set; }

    public IncidentSeverity Severity { get; private set; }

    /// <summary>A one-line summary without names or PHI (shown in lists to everyone with incidents.read).</summary>
    public string Summary { get; private set; }

    public DateOnly? OccurredOn { get; private set; }

    public DateOnly? OccurredUntil { get; private set; }

    /// <summary>The discovery date of 164.404(a)(2) / 164.410(a)(2): the day the clocks start.</summary>
    public DateOnly DiscoveredOn { get; private set; }

    /// <summary>The exact instant the report reached Custos.</summary>
    public DateTimeOffset ReportedAt { get; private set; }

    public string? ReportedById { get; private set; }

    public string ReportedByName { get; private set; }

    public bool IsAnonymous { get; private set; }

    /// <summary>SHA-256 of the anonymous reporter's receipt code (hex); the code itself is never stored.</summary>
    public string? ReceiptHash { get; private set; }

    public bool? PhiInvolved { get; private set; }

    public int? EstimatedIndividuals { get; private set; }

    public Guid? OwnerId { get; private set; }

    public string? OwnerName { get; private set; }

    /// <summary>Codes of <see cref="PhiTypes"/> involved.</summary>
    public List<string> PhiTypeCodes { get; private set; } = [];

    /// <summary>Covered-entity customers whose PHI is involved (when the organization is a business associate).</summary>
    public List<Guid> AffectedCustomerIds { get; private set; } = [];

    /// <summary>Whether the organization, as business associate, acts as the covered entity's agent (164.404(a)(2)).</summary>
    public AgencyStatus Agency { get; private set; }

    /// <summary>When the covered entity learned of the breach (for an independent business associate).</summary>
    public DateOnly? CoveredEntityLearnedOn { get; private set; }

    public LawEnforcementDelayKind? DelayStatement { get; private set; }

    public DateOnly? DelayFrom { get; private set; }

    public DateOnly? DelayUntil { get; private set; }

    /// <summary>The official's name and agency (164.412(b) requires it for an oral statement). Not PHI.</summary>
    public string? DelayOfficial { get; private set; }

    /// <summary>Secretary's form, section 3: type of breach (Theft, Loss, Improper Disposal, ...).</summary>
    public string? BreachType { get; private set; }

    /// <summary>Secretary's form, section 3: location of breached information.</summary>
    public string? BreachLocation { get; private set; }

    public string? SafeguardsInPlace { get; private set; }

    public string? ActionsTaken { get; private set; }

    /// <summary>Steps individuals should take to protect themselves (164.404(c)(1)(C)).</summary>
    public string? ProtectiveSteps { get; private set; }

    /// <summary>How many individuals have insufficient or out-of-date contact information (164.404(d)(2)).</summary>
    public int? OutOfDateContacts { get; private set; }

    public string? RootCause { get; private set; }

    public string? LessonsLearned { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void SetReceipt(string hash) => ReceiptHash = hash;

    public void MoveTo(IncidentStatus status, DateTimeOffset now)
    {
        Status = status;
        ClosedAt = status == IncidentStatus.Closed ? now : null;
        UpdatedAt = now;
    }

    public void SetSeverity(IncidentSeverity severity, DateTimeOffset now)
    {
        Severity = severity;
        UpdatedAt = now;
    }

    public void AssignOwner(Guid? ownerId, string? ownerName, DateTimeOffset now)
    {
        OwnerId = ownerId;
        OwnerName = ownerName;
        UpdatedAt = now;
    }

    public void Describe(UpdateIncidentFactsCommand facts, DateTimeOffset now)
    {
        Summary = facts.Summary.Trim();
        Kind = facts.Kind;
        OccurredOn = facts.OccurredOn;
        OccurredUntil = facts.OccurredUntil;
        DiscoveredOn = facts.DiscoveredOn;
        PhiInvolved = facts.PhiInvolved;
        PhiTypeCodes = [.. (facts.PhiTypes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        AffectedCustomerIds = [.. (facts.AffectedCustomerIds ?? []).Distinct()];
        Agency = facts.Agency;
        CoveredEntityLearnedOn = facts.CoveredEntityLearnedOn;
        BreachType = Clean(facts.BreachType);
        BreachLocation = Clean(facts.BreachLocation);
        SafeguardsInPlace = Clean(facts.SafeguardsInPlace);
        ActionsTaken = Clean(facts.ActionsTaken);
        ProtectiveSteps = Clean(facts.ProtectiveSteps);
        OutOfDateContacts = facts.OutOfDateContacts;
        UpdatedAt = now;
    }

    public void SetEstimatedIndividuals(int total, DateTimeOffset now)
    {
        EstimatedIndividuals = total;
        UpdatedAt = now;
    }

    public void RecordDelay(LawEnforcementDelayKind? statement, DateOnly? from, DateOnly? until, string? official, DateTimeOffset now)
    {
        DelayStatement = statement;
        DelayFrom = statement is null ? null : from;
        DelayUntil = statement is null ? null : until;
        DelayOfficial = statement is null ? null : Clean(official);
        UpdatedAt = now;
    }

    public void Review(string rootCause, string lessons, string reviewer, DateTimeOffset now)
    {
        RootCause = rootCause.Trim();
        LessonsLearned = lessons.Trim();
        ReviewedBy = reviewer;
        ReviewedAt = now;
        UpdatedAt = now;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The PHI-bearing part of a case, one row per incident, every field encrypted at rest and its reads audited.</summary>
internal sealed class IncidentDetails
{
    private IncidentDetails()
    {
        Description = string.Empty;
    }

    public IncidentDetails(Guid incidentId, string description)
    {
        IncidentId = incidentId;
        Description = description;
    }

    public Guid IncidentId { get; private set; }

    /// <summary>What happened, in the reporter's words (may name people or hold PHI).</summary>
    public string Description { get; private set; }

    /// <summary>Which PHI, of whom, exactly.</summary>
    public string? PhiSpecifics { get; private set; }

    /// <summary>Identification of each affected individual (164.410(c)(1)), for the covered-entity notice and mail merge.</summary>
    public string? AffectedPeople { get; private set; }

    public void Update(string description, string? phiSpecifics, string? affectedPeople)
    {
        Description = description;
        PhiSpecifics = string.IsNullOrWhiteSpace(phiSpecifics) ? null : phiSpecifics.Trim();
        AffectedPeople = string.IsNullOrWhiteSpace(affectedPeople) ? null : affectedPeople.Trim();
    }
}

/// <summary>Something an anonymous reporter added afterwards with their receipt code; encrypted like the description.</summary>
internal sealed class IncidentReporterMessage
{
    private IncidentReporterMessage()
    {
        Text = string.Empty;
    }

    public IncidentReporterMessage(Guid id, Guid incidentId, string text, DateTimeOffset at)
    {
        Id = id;
        IncidentId = incidentId;
        Text = text;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset At { get; private set; }
}

public enum TimelineEntryKind
{
    Reported,
    StatusChanged,
    SeverityChanged,
    OwnerChanged,
    Note,
    FactsChanged,
    AffectedCountsRevised,
    Task,
    Evidence,
    Assessment,
    Obligation,
    Delay,
    Review,
    ReporterAddedInformation,
}

/// <summary>One line of the case's history. Written by the handlers for every change; notes are added by people.</summary>
internal sealed class IncidentTimelineEntry
{
    private IncidentTimelineEntry()
    {
        Text = string.Empty;
        ActorName = string.Empty;
    }

    public IncidentTimelineEntry(Guid id, Guid incidentId, TimelineEntryKind kind, string text, string actorName, DateTimeOffset at)
    {
        Id = id;
        IncidentId = incidentId;
        Kind = kind;
        Text = text;
        ActorName = actorName;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    public TimelineEntryKind Kind { get; private set; }

    public string Text { get; private set; }

    public string ActorName { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>Containment, root-cause and remediation work on a case.</summary>
internal sealed class IncidentTask
{
    private IncidentTask()
    {
        Title = string.Empty;
    }

    public IncidentTask(Guid id, Guid incidentId, IncidentTaskKind kind, string title, Guid? ownerId, string? ownerName, DateOnly? dueOn, DateTimeOffset createdAt)
    {
        Id = id;
        IncidentId = incidentId;
        Kind = kind;
        Title = title;
        OwnerId = ownerId;
        OwnerName = ownerName;
        DueOn = dueOn;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    public IncidentTaskKind Kind { get; private set; }

    public string Title { get; private set; }

    public Guid? OwnerId { get; private set; }

    public string? OwnerName { get; private set; }

    public DateOnly? DueOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public void Complete(DateTimeOffset now) => CompletedAt ??= now;
}

/// <summary>
/// How many individuals are affected, per State or jurisdiction, as of one revision. Revisions are only added, never
/// changed: the latest is current and the earlier ones are the history (HHS allows an estimate, then an addendum).
/// </summary>
internal sealed class AffectedCountRevision
{
    private AffectedCountRevision()
    {
        RecordedBy = string.Empty;
    }

    public AffectedCountRevision(Guid id, Guid incidentId, int number, Dictionary<string, int> counts, string? reason, string recordedBy, DateTimeOffset recordedAt)
    {
        Id = id;
        IncidentId = incidentId;
        Number = number;
        CountsText = Format(counts);
        Total = counts.Values.Sum();
        Reason = reason;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    /// <summary>1 for the first count, then 2, 3...</summary>
    public int Number { get; private set; }

    /// <summary>Residents affected per State, stored as "CA=120,TX=500" (codes in order).</summary>
    public string CountsText { get; private set; } = string.Empty;

    /// <summary>Residents affected per two-letter State or jurisdiction code.</summary>
    public IReadOnlyDictionary<string, int> Counts => Parse(CountsText);

    public int Total { get; private set; }

    public string? Reason { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public static string Format(IReadOnlyDictionary<string, int> counts) =>
        string.Join(',', counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    public static Dictionary<string, int> Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
